/**
 * B3 brokers (agents) by the code the exchange gives them, with the short name ProfitDLL returns for it
 * (`GetAgentName(…, nShortFlag = CM_IS_SHORT_NAME)`). The one table of names: the simulator draws its agents from it
 * and the browser shows these names where the feed sends codes (tape, book). Codes not listed show as the bare code.
 */
export const B3_AGENTS: ReadonlyMap<number, string> = new Map([
  [3, "XP"],
  [8, "UBS"],
  [13, "Merrill Lynch"],
  [15, "Guide"],
  [16, "J.P. Morgan"],
  [27, "Santander"],
  [39, "Agora"],
  [40, "Morgan Stanley"],
  [45, "Credit Suisse"],
  [72, "Bradesco"],
  [77, "Citigroup"],
  [85, "BTG Pactual"],
  [93, "Nova Futura"],
  [107, "Terra"],
  [114, "Itaú"],
  [120, "Genial"],
  [127, "Tullett Prebon"],
  [147, "Ativa"],
  [238, "Goldman Sachs"],
  [262, "Mirae"],
  [308, "Clear"],
  [386, "Rico"],
  [1099, "Inter"],
]);

/** The agent's short name, or its code as text when the table does not know it. */
export function agentShortName(code: number): string {
  return B3_AGENTS.get(code) ?? String(code);
}
