import { z } from "zod";
import { DIVISIONS, ROLES } from "~/lifecycle/divisions.ts";

// The same limits as app/auth/password.server.ts; the server also refuses common passwords.
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;

/** The administrator's "create a user" form; error messages are i18n keys. */
export const createUserSchema = z
  .object({
    name: z.string().trim().min(1, "admin.nameRequired").max(200, "admin.nameRequired"),
    email: z.string().trim().toLowerCase().email("admin.emailInvalid").max(254, "admin.emailInvalid"),
    role: z.enum(ROLES, { errorMap: () => ({ message: "admin.roleInvalid" }) }),
    bureauCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    divisionCode: z
      .enum(DIVISIONS, { errorMap: () => ({ message: "admin.divisionRequired" }) })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    password: z.string().min(PASSWORD_MIN, "admin.passwordShort").max(PASSWORD_MAX, "admin.passwordLong"),
  })
  .superRefine((v, ctx) => {
    if (v.role === "OFFICER" && !v.bureauCode) {
      ctx.addIssue({ code: "custom", path: ["bureauCode"], message: "admin.bureauRequired" });
    }
    if (v.role === "REVIEWER" && !v.divisionCode) {
      ctx.addIssue({ code: "custom", path: ["divisionCode"], message: "admin.divisionRequired" });
    }
  });

export type CreateUserInput = z.infer<typeof createUserSchema>;

/** Changing a role keeps the fields that role needs. */
export const changeRoleSchema = z
  .object({
    userId: z.string().min(1),
    role: z.enum(ROLES, { errorMap: () => ({ message: "admin.roleInvalid" }) }),
    bureauCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    divisionCode: z
      .enum(DIVISIONS, { errorMap: () => ({ message: "admin.divisionRequired" }) })
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .superRefine((v, ctx) => {
    if (v.role === "OFFICER" && !v.bureauCode) {
      ctx.addIssue({ code: "custom", path: ["bureauCode"], message: "admin.bureauRequired" });
    }
    if (v.role === "REVIEWER" && !v.divisionCode) {
      ctx.addIssue({ code: "custom", path: ["divisionCode"], message: "admin.divisionRequired" });
    }
  });
