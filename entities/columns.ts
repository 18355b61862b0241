import { Column, type ColumnOptions, PrimaryGeneratedColumn } from "typeorm";

/*
 * Column shapes shared by every entity, so that MariaDB and SQLite get the same
 * types from one definition. Timestamps are set by the application in UTC
 * (never by database defaults, whose precision and time zone differ per engine).
 */

/** A UTC instant with millisecond precision. */
export function TimestampColumn(options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ type: "datetime", precision: 3, nullable: options.nullable ?? false });
}

/** An enum stored as its string value: portable, and readable in SQL. */
export function EnumColumn(options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ type: "varchar", length: 24, nullable: options.nullable ?? false });
}

/** A short text with a maximum length the API also enforces. */
export function StringColumn(length: number, options: Pick<ColumnOptions, "nullable"> = {}): PropertyDecorator {
  return Column({ type: "varchar", length, nullable: options.nullable ?? false });
}

/** Long text (message bodies, bios, cover letters). */
export function TextColumn(options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ type: "text", nullable: options.nullable ?? false });
}

/** A foreign key held as a plain integer, beside its relation. */
export function ForeignKeyColumn(options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ type: "int", nullable: options.nullable ?? false });
}

/** A whole number kept by the application (a counter, say), zero until first set. */
export function CountColumn(): PropertyDecorator {
  return Column({ type: "int", default: 0 });
}

/** An auto-increment integer primary key. */
export function IdColumn(): PropertyDecorator {
  return PrimaryGeneratedColumn({ type: "int" });
}

/** A byte count: bigint in the database, a JS number in the application. */
export function BytesColumn(): PropertyDecorator {
  return Column({
    type: "bigint",
    transformer: {
      to: (value: number) => value,
      from: (value: string | number | null) => (value === null ? null : Number(value)),
    },
  });
}
