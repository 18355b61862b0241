import { DEFAULT_SEED } from "./seed";
import { DEFAULT_DEMO_TALENTS } from "./seed-if-empty";

export interface SeedArgs {
  talents: number;
  seed: number;
  /** Delete every row first when the database is not empty. */
  reset: boolean;
  help: boolean;
}

export const SEED_USAGE = `Usage: npm run seed -- [--talents N] [--seed N] [--reset]

  --talents N   how many talents to create (default ${DEFAULT_DEMO_TALENTS}); casting directors,
                productions and the rest scale with it
  --seed N      the random seed (default ${DEFAULT_SEED}): the same seed gives the same data
  --reset       delete every existing row first (otherwise a non-empty database is refused)

The database comes from DATABASE_URL (MariaDB/MySQL) or SQLITE_PATH, as for the gateway.`;

/** A command-line mistake, shown with the usage. */
export class SeedArgsError extends Error {
  override name = "SeedArgsError";
}

/** Parses the arguments after `npm run seed --`: `--talents N`, `--talents=N`, `--seed N`, `--reset`, `--help`. */
export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  const args: SeedArgs = { talents: DEFAULT_DEMO_TALENTS, seed: DEFAULT_SEED, reset: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2) as [string, string | undefined];
    const value = () => {
      const raw = inline ?? argv[++i];
      if (raw === undefined || !/^\d+$/.test(raw))
        throw new SeedArgsError(`${flag} needs a whole number, got '${raw ?? ""}'`);
      return Number(raw);
    };
    if (flag === "--talents") args.talents = value();
    else if (flag === "--seed") args.seed = value();
    else if (flag === "--reset" && inline === undefined) args.reset = true;
    else if ((flag === "--help" || flag === "-h") && inline === undefined) args.help = true;
    else throw new SeedArgsError(`Unknown argument '${argv[i]}'`);
  }
  if (args.talents < 1) throw new SeedArgsError("--talents must be at least 1 (the demo talent)");
  return args;
}
