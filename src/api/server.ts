/**
 * The HTTP face of the workspace. It holds no state of its own (everything lives in the store),
 * so any number of these can serve one PostgreSQL database behind a load balancer.
 */
import { randomUUID } from "node:crypto";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger } from "fastify";
import { pino } from "pino";
import type { SessionPolicy } from "../workspace/auth/sessions.js";
import { submittedEvidence } from "../workspace/registers/evidence-source.js";
import type { Store } from "../workspace/store.js";
import type { App } from "./app.js";
import { authentication, authServices } from "./authentication.js";
import { registerAuthorization } from "./authorization.js";
import { documentErrorResponses, handleError, sendError } from "./errors.js";
import { adtReplayRoutes } from "./routes/adt-replay.js";
import { adtThresholdsRoutes } from "./routes/adt-thresholds.js";
import { assessmentRoutes } from "./routes/assessments.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { checksRoutes } from "./routes/checks.js";
import { codeRoutes } from "./routes/code.js";
import { controlsRoutes } from "./routes/controls.js";
import { deadlinesRoutes } from "./routes/deadlines.js";
import { healthRoutes } from "./routes/health.js";
import { obligationsRoutes } from "./routes/obligations.js";
import { partyRoutes } from "./routes/parties.js";
import { partyDeadlinesRoutes } from "./routes/party-deadlines.js";
import { partyPolicyRoutes } from "./routes/party-policy.js";
import { quarantineRoutes } from "./routes/quarantine.js";
import { registerRoutes } from "./routes/registers.js";
import { reviewRoutes } from "./routes/review.js";
import { userRoutes } from "./routes/users.js";
import { defaultWebRoot, isAppRoute, serveWebApp } from "./web-app.js";
import {
  componentSchemas,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
  zodToJsonSchemas,
} from "./zod-schemas.js";

export type ServerOptions = {
  readonly store: Store;
  /** Folder of the built dashboard (default dist/web of this package); served at / when it exists. */
  readonly webRoot?: string;
  /** A pino logger; without one the server logs nothing. */
  readonly logger?: FastifyBaseLogger;
  /** Passed to Fastify: which proxies to believe about the client address (X-Forwarded-For). */
  readonly trustProxy?: boolean | string;
  /** Session idle and absolute timeouts and login throttling; the defaults of sessions.ts otherwise. */
  readonly sessionPolicy?: SessionPolicy;
};

const silentLogger = pino({ enabled: false });

// The Code is a few hundred kilobytes of text; this leaves ample room without inviting abuse.
const bodyLimit = 8 * 1024 * 1024;

export async function buildServer(options: ServerOptions): Promise<App> {
  const app: App = Fastify({
    loggerInstance: options.logger ?? silentLogger,
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    // A load balancer's request id follows the request into logs and audit entries; otherwise
    // a UUID, since counters would repeat across the several servers of one deployment.
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  documentErrorResponses(app);

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "secg workspace API",
        description: "SEC Section G as versioned data: versions, clauses, diffs, redlines and effects.",
        version: process.env.npm_package_version ?? "0.1.0",
      },
      components: { schemas: componentSchemas() },
    },
    transform: zodToJsonSchemas,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  const auth = authServices(options.store, options.sessionPolicy);
  authentication(app, auth);
  registerAuthorization(app, options.store);
  healthRoutes(app, options.store);
  authRoutes(app, auth);
  userRoutes(app, options.store);
  codeRoutes(app, options.store);
  auditRoutes(app, options.store);
  deadlinesRoutes(app);
  partyRoutes(app, options.store);
  obligationsRoutes(app, options.store);
  quarantineRoutes(app, options.store);
  adtReplayRoutes(app, options.store);
  adtThresholdsRoutes(app, options.store);
  controlsRoutes(app, options.store, [submittedEvidence(options.store.db, options.store.clock)]);
  checksRoutes(app, options.store);
  partyPolicyRoutes(app, options.store);
  reviewRoutes(app, options.store);
  registerRoutes(app, options.store);
  assessmentRoutes(app, options.store);
  partyDeadlinesRoutes(app, options.store);
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const webRoot = options.webRoot ?? defaultWebRoot;
  const servesWeb = await serveWebApp(app, webRoot);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (servesWeb && (request.method === "GET" || request.method === "HEAD") && isAppRoute(path)) {
      return reply.sendFile("index.html");
    }
    return sendError(reply, 404, `no route ${request.method} ${path}`);
  });

  await app.ready();
  return app;
}
