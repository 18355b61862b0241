/**
 * Apollo's CSRF prevention, with `authorization` among the headers that let a
 * request through.
 *
 * The gateway authenticates by the `Authorization` header only, never by
 * cookies, so a page on another site cannot make a request in its visitor's
 * name: it has no token to send. What a cross-site page can still do is make
 * the browser send a "simple" request (a GET, or a POST of a form or of
 * text/plain), which goes out without a CORS preflight. Apollo's check refuses
 * those unless they carry a header that only a preflighted request can carry.
 * That still guards two things: operations that need no token (signUp, login,
 * the anonymous `viewer`) run from a form on someone else's site, and work
 * (parse, validation, execution) done for requests no app sent.
 *
 * `Authorization` is not a CORS-safelisted header: a browser sends it cross-site
 * only after a preflight that CORS_ORIGINS allows, which is exactly what the
 * other two headers prove. Listing it lets the clients' defaults work:
 * urql and graphql-request send short queries as GET without a content-type,
 * and a signed-in app's GET carries its token. Mutations never run over GET
 * (Apollo answers 405), whatever the headers.
 */
export const CSRF_PREVENTION_REQUEST_HEADERS = [
  "authorization",
  // Apollo's own two (its `recommendedCsrfPreventionRequestHeaders`): Apollo Client and Apollo's tooling send them.
  "x-apollo-operation-name",
  "apollo-require-preflight",
] as const;
