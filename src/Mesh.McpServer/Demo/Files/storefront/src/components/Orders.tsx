export async function placeOrder(customerId: string, lines: { sku: string; quantity: number }[]) {
  const response = await fetch(`${process.env.ORDERS_URL}/orders`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ customerId, lines }),
  });
  return response.json();
}
