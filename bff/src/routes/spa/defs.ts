import { defineRoute } from "../route-def.ts";

export const spaDefs = {
  // The built SPA (static files + index.html fallback): it shows the login page; data comes from the API.
  index: defineRoute({
    method: "get",
    path: "/*",
    access: "public",
    optional: true,
    hide: true,
    summary: "The single-page app's index.html for any client-side route",
    responses: { 200: { description: "index.html" } },
  }),
};
