/** `POST /oauth2/v2.0/token` (form-encoded): JWT bearer and refresh_token grants. */
import type { FastifyInstance } from "fastify";
import { noteTokenScope, trackRequest } from "../api-route";
import type { EmulatorContext } from "../context";
import { OAuthError } from "../errors";

export const TOKEN_PATH = "/oauth2/v2.0/token";

export function registerTokenRoute(app: FastifyInstance, context: EmulatorContext): void {
  app.post(TOKEN_PATH, {
    onRequest: async (request) => trackRequest(request, "token", `POST ${TOKEN_PATH}`),
    handler: async (request, reply) => {
      reply.header("cache-control", "no-store");
      if (!request.headers["content-type"]?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
        const error = new OAuthError("invalid_request", "the body must be application/x-www-form-urlencoded");
        return reply.code(error.status).send(error.toBody());
      }
      try {
        const form = (request.body ?? {}) as Record<string, unknown>;
        if (typeof form.scope === "string") noteTokenScope(request, form.scope);
        const granted = await context.tokens.grant(form);
        noteTokenScope(request, granted.scope);
        return reply.code(200).send(granted);
      } catch (err) {
        if (err instanceof OAuthError) return reply.code(err.status).send(err.toBody());
        throw err;
      }
    },
  });
}
