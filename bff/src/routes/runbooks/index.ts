import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { HttpError } from "../../lib/http-error.ts";
import { routeApp } from "../route-app.ts";
import { runbooksDefs } from "./defs.ts";
import { renderRunbook } from "./render.ts";

export interface RunbooksDeps {
  /** Directory of `<name>.md` runbooks (RUNBOOKS_DIR); absent → every runbook is 404. */
  runbooksDir?: string | null;
}

/** `GET /runbooks/:name`: docs/runbooks/<name>.md as a small HTML page with heading ids (`#checks` anchors). */
export const runbooksRoute = (deps: RunbooksDeps) =>
  routeApp().openapi(runbooksDefs.show, async (c) => {
    const { name } = c.req.valid("param");
    const dir = deps.runbooksDir;
    const markdown = dir ? await readFile(join(dir, `${name}.md`), "utf8").catch(() => null) : null;
    if (markdown === null) throw new HttpError(404, "NOT_FOUND", `no runbook named ${name}`);
    c.header("Cache-Control", "no-cache");
    return c.html(renderRunbook(name, markdown));
  });
