import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { HttpError } from "../../lib/http-error.ts";
import { renderRunbook } from "./render.ts";

export interface RunbooksDeps {
  /** Directory of `<name>.md` runbooks (RUNBOOKS_DIR); absent → every runbook is 404. */
  runbooksDir?: string | null;
}

const NAME = /^[a-z0-9-]+$/;

/** `GET /runbooks/:name`: docs/runbooks/<name>.md as a small HTML page with heading ids (`#checks` anchors). */
export const runbooksRoute = (deps: RunbooksDeps) =>
  new Hono<AppEnv>().get("/:name", async (c) => {
    const name = c.req.param("name");
    if (!NAME.test(name) || name.length > 64)
      throw new HttpError(
        400,
        "VALIDATION_FAILED",
        "runbook names are lower-case letters, digits and dashes",
        "name",
      );
    const dir = deps.runbooksDir;
    const markdown = dir ? await readFile(join(dir, `${name}.md`), "utf8").catch(() => null) : null;
    if (markdown === null) throw new HttpError(404, "NOT_FOUND", `no runbook named ${name}`);
    c.header("Cache-Control", "no-cache");
    return c.html(renderRunbook(name, markdown));
  });
