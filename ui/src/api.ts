// The server's services through the generated clients (gRPC-Web on the same origin). A session
// cookie authenticates them; every call carries the session's CSRF token.
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { Catalog } from "./gen/gitopshq/catalog/v1/catalog_pb";
import { Org } from "./gen/gitopshq/org/v1/org_pb";
import { Session } from "./gen/gitopshq/org/v1/session_pb";
import { ExternalSources } from "./gen/gitopshq/sources/v1/sources_pb";
import { Workloads } from "./gen/gitopshq/workloads/v1/workloads_pb";
import { Audit } from "./gen/gitopshq/audit/v1/audit_pb";

export const CsrfHeader = "X-GitOpsHQ-CSRF";

let csrfToken = "";
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const csrf: Interceptor = (next) => async (request) => {
  if (csrfToken) request.header.set(CsrfHeader, csrfToken);
  return next(request);
};

/** Listeners told when a call finds the session gone (signed out elsewhere, expired). */
const sessionLost = new Set<() => void>();
export function onSessionLost(listener: () => void): () => void {
  sessionLost.add(listener);
  return () => sessionLost.delete(listener);
}

const unauthenticated: Interceptor = (next) => async (request) => {
  try {
    return await next(request);
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.Unauthenticated && request.method.name !== "GetSession" && request.method.name !== "SignIn")
      for (const listener of sessionLost) listener();
    throw error;
  }
};

const transport = createGrpcWebTransport({
  baseUrl: typeof location === "undefined" ? "http://127.0.0.1" : location.origin,
  interceptors: [csrf, unauthenticated],
  fetch: (input, init) => globalThis.fetch(input, { ...init, credentials: "same-origin" }),
});

export const catalog = createClient(Catalog, transport);
export const org = createClient(Org, transport);
export const session = createClient(Session, transport);
export const sources = createClient(ExternalSources, transport);
export const workloads = createClient(Workloads, transport);
export const audit = createClient(Audit, transport);

/** The message a person reads for a failed call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ConnectError) {
    if (error.code === Code.Unavailable || (error.code === Code.Unknown && /fetch|network/i.test(error.rawMessage)))
      return `The server cannot be reached (${error.rawMessage}).`;
    return error.rawMessage || Code[error.code];
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isCode(error: unknown, code: Code): boolean {
  return error instanceof ConnectError && error.code === code;
}

export { Code };
