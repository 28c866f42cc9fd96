export type { User, UserDirectory } from "./user.ts";
export { toSessionUser } from "./user.ts";
export { FileUserDirectory } from "./file-user-directory.ts";
export { DemoUserDirectory, demoCredentials } from "./demo-users.ts";
export { authenticate } from "./authenticate.ts";
export { hashPassword, verifyPassword } from "./password.ts";
export { brokerName } from "./brokers.ts";
