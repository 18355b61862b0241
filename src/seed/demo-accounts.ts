/*
 * The two accounts a person trying the demo signs in with. Every seeded user
 * shares the documented demo password, so any seeded email works as well.
 */

/** The password of every seeded account. Demo data only: never use it anywhere real. */
export const DEMO_PASSWORD = "demo-password";

export interface DemoAccount {
  /** What the account is, for start-up and CLI output. */
  readonly label: string;
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

/** The talent whose dashboard is hand-shaped to show something in every section. */
export const DEMO_TALENT: DemoAccount = {
  label: "talent",
  email: "talent@demo.test",
  password: DEMO_PASSWORD,
  name: "Avery Quinn",
};

/** The casting director who owns the productions the demo talent applied to. */
export const DEMO_CASTING_DIRECTOR: DemoAccount = {
  label: "casting director",
  email: "director@demo.test",
  password: DEMO_PASSWORD,
  name: "Morgan Hale",
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [DEMO_TALENT, DEMO_CASTING_DIRECTOR];
