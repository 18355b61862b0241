import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

/** The parts of TypeGraphQL's resolver metadata this reads (its typings name them `FieldResolverMetadata`). */
interface FieldResolverEntry {
  kind: "internal" | "external";
  target: Function;
  methodName: string;
  schemaName: string;
  getObjectType?: () => Function;
  params?: ReadonlyArray<{ kind: string; index: number; propertyName?: string }>;
  roles?: unknown[];
  middlewares?: unknown[];
}

type ParamReader = (root: unknown, context: unknown, info: unknown) => unknown;

/**
 * TypeGraphQL calls a `@FieldResolver` method through a wrapper that, on every
 * call, sorts the method's parameters, looks the resolver class up in its
 * container, runs the middleware chain and copies the parent (`@Root()`) into a
 * new instance of its class, property by property. The Dashboard makes some
 * fifty such calls (each application's role, production, casting director,
 * audition requests). For a method that takes only its parent, the context and
 * the resolve info, and has no `@Authorized` roles and no middleware, none of
 * that does anything: the classes the parents would be copied into are plain
 * records (no methods, no getters, no defaults), so the method reads the same
 * values from the row itself. Such fields get a resolver that calls the method
 * directly; every other field (arguments to convert and validate, roles to
 * check) keeps TypeGraphQL's. A class-level `@Authorized` or `@UseMiddleware`
 * is in each method's metadata, and keeps it too; buildSchema's own
 * `globalMiddlewares` are not, and build-schema.ts passes none (a field here
 * would skip them). Run on the schema buildSchema returned, before anything
 * else wraps its resolvers.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema, resolverClasses: readonly Function[]): number {
  const storage = getMetadataStorage();
  const typeNames = new Map<Function, string>(storage.objectTypes.map((type) => [type.target, type.name]));
  const instances = new Map<Function, Record<string, (...args: unknown[]) => unknown>>();
  let replaced = 0;
  for (const entry of storage.fieldResolvers as unknown as FieldResolverEntry[]) {
    if (entry.kind !== "external" || !resolverClasses.includes(entry.target)) continue;
    if (entry.roles !== undefined || (entry.middlewares?.length ?? 0) > 0) continue;
    const readers = paramReaders(entry.params ?? []);
    if (!readers) continue;
    const typeName = entry.getObjectType && typeNames.get(entry.getObjectType());
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[entry.schemaName] : undefined;
    if (!field || field.args.length > 0) continue;
    let instance = instances.get(entry.target);
    if (!instance) {
      // TypeGraphQL's default container does the same: one instance per class, made with no arguments.
      instance = new (entry.target as new () => Record<string, (...args: unknown[]) => unknown>)();
      instances.set(entry.target, instance);
    }
    field.resolve = directResolver(instance, entry.methodName, readers);
    replaced += 1;
  }
  return replaced;
}

/** How each parameter is read, in order; null when one is anything but the parent, the context or the info. */
function paramReaders(params: FieldResolverEntry["params"] & object): ParamReader[] | null {
  const readers: ParamReader[] = [];
  for (const param of [...params].sort((a, b) => a.index - b.index)) {
    const property = param.propertyName;
    switch (param.kind) {
      case "root":
        readers.push(property ? (root) => (root as Record<string, unknown>)[property] : (root) => root);
        break;
      case "context":
        readers.push(
          property ? (_root, context) => (context as Record<string, unknown>)[property] : (_root, context) => context,
        );
        break;
      case "info":
        readers.push((_root, _context, info) => info);
        break;
      default:
        return null;
    }
  }
  return readers;
}

/** The resolver of one field; named `direct <method>` (as profiles and tests see it). */
function directResolver(
  instance: Record<string, (...args: unknown[]) => unknown>,
  methodName: string,
  readers: readonly ParamReader[],
): GraphQLFieldResolver<unknown, unknown> {
  const method = instance[methodName]!;
  const [first, second] = readers;
  // The two shapes every such field here has, without an argument array per call.
  const resolve: GraphQLFieldResolver<unknown, unknown> =
    readers.length === 2
      ? (root, _args, context, info) => method.call(instance, first!(root, context, info), second!(root, context, info))
      : readers.length === 1
        ? (root, _args, context, info) => method.call(instance, first!(root, context, info))
        : (root, _args, context, info) =>
            method.apply(
              instance,
              readers.map((read) => read(root, context, info)),
            );
  return Object.defineProperty(resolve, "name", { value: `direct ${methodName}` });
}
