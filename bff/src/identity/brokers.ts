/** B3 broker codes → display names, for `/api/v1/accounts`. Unknown codes show as "Broker <id>". */
const brokers: Readonly<Record<number, string>> = {
  3: "XP",
  8: "UBS BB",
  27: "Santander",
  39: "Agora",
  45: "Credit Suisse",
  72: "Bradesco",
  77: "Citigroup",
  85: "BTG Pactual",
  114: "Itaú",
  120: "Genial",
  147: "Ativa",
  308: "Clear",
  386: "Rico",
  1099: "Inter",
};

export function brokerName(brokerId: number): string {
  return brokers[brokerId] ?? `Broker ${brokerId}`;
}
