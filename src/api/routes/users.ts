/**
 * Managing who may sign in: list, add, change memberships, disable, reset a password. A new user
 * without a chosen password, and every reset, gets a one-time password that this answer shows
 * once and that must be changed at first sign-in.
 */
import { z } from "zod";
import { originFor } from "../../workspace/access/principal.js";
import type { User } from "../../workspace/auth/users.js";
import { usersOf } from "../../workspace/auth/users.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";
import { Me, MembershipBody, me } from "./auth.js";

const UserView = Me.extend({
  disabled: z.boolean(),
  createdAt: z.string().describe("ISO 8601 instant"),
  updatedAt: z.string().describe("ISO 8601 instant"),
});

const Answer = z.object({
  user: UserView,
  oneTimePassword: z.string().optional().describe("Shown once; the user must change it at first sign-in"),
});

const tags = ["users"];
const config = { access: { resource: "users" as const, action: "admin" as const } };

function view(user: User): z.infer<typeof UserView> {
  return { ...me(user), disabled: user.disabled, createdAt: user.createdAt, updatedAt: user.updatedAt };
}

export function userRoutes(app: App, store: Store): void {
  const users = usersOf(store.db, store.clock);

  app.get(
    "/api/users",
    {
      config,
      schema: {
        summary: "Every user, by username",
        tags,
        response: { 200: z.object({ users: z.array(UserView) }) },
      },
    },
    async () => ({ users: (await users.list()).map(view) }),
  );

  app.post(
    "/api/users",
    {
      config,
      schema: {
        summary: "Add a user; without a password, answers a one-time password",
        tags,
        body: z.strictObject({
          username: z.string(),
          displayName: z.string().max(200).optional(),
          memberships: z.array(MembershipBody),
          password: z.string().max(1024).optional(),
        }),
        response: { 201: Answer, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, displayName, memberships, password } = request.body;
      const created = await users.create(
        {
          username,
          memberships,
          ...(displayName === undefined ? {} : { displayName }),
          ...(password === undefined ? {} : { password }),
        },
        originFor(request.principal, request.ip, request.id),
      );
      return reply.code(201).send({
        user: view(created.user),
        ...(created.oneTimePassword === undefined ? {} : { oneTimePassword: created.oneTimePassword }),
      });
    },
  );

  app.patch(
    "/api/users/:id",
    {
      config,
      schema: {
        summary: "Change a user's name or memberships, disable or enable, or reset the password",
        tags,
        params: z.object({ id: z.string() }),
        body: z.strictObject({
          displayName: z.string().max(200).optional(),
          memberships: z.array(MembershipBody).optional(),
          disabled: z.boolean().optional(),
          resetPassword: z.literal(true).optional().describe("Replace the password with a one-time one"),
        }),
        response: { 200: Answer, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { displayName, memberships, disabled, resetPassword } = request.body;
      const principal = request.principal;
      if (principal.kind === "user" && principal.userId === id && disabled === true) {
        return sendError(reply, 409, "you cannot disable your own account", "disabled");
      }
      const origin = originFor(principal, request.ip, request.id);
      const changed =
        displayName === undefined && memberships === undefined && disabled === undefined
          ? await users.get(id)
          : await users.update(
              id,
              {
                ...(displayName === undefined ? {} : { displayName }),
                ...(memberships === undefined ? {} : { memberships }),
                ...(disabled === undefined ? {} : { disabled }),
              },
              origin,
            );
      if (!changed) return sendError(reply, 404, `no user with id ${id}`, "id");
      if (resetPassword !== true) return { user: view(changed) };
      const oneTimePassword = (await users.resetPassword(id, origin))!;
      return { user: view((await users.get(id))!), oneTimePassword };
    },
  );
}
