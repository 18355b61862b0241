import { documentPayload } from "./persisted-query";
import { WidgetSignInDocument, type WidgetSignInMutation } from "./generated/operations";

/*
 * Sign-in is one mutation over HTTP POST (JSON); the token it returns is what
 * the live connection presents. The gateway answers another origin's request
 * because CORS is open in development (CORS_ORIGINS lists the origins in production).
 */

export type SignedIn = WidgetSignInMutation["login"];

/** Signs in with a password; a refusal or an unreachable gateway is an Error whose message can be shown as is. */
export async function signIn(gatewayUrl: string, email: string, password: string): Promise<SignedIn> {
  let response: Response;
  try {
    response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...(await documentPayload(WidgetSignInDocument)), variables: { email, password } }),
    });
  } catch {
    throw new Error(`The gateway at ${gatewayUrl} did not answer`);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: WidgetSignInMutation | null;
    errors?: Array<{ message: string }>;
  };
  if (body.data?.login) return body.data.login;
  throw new Error(body.errors?.map((error) => error.message).join("; ") || `The gateway answered ${response.status}`);
}
