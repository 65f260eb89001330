import { useEffect, useState } from "react";
import api from "../api";

interface BasketItem {
  sku: string;
  productName: string;
  quantity: number;
  unitPrice: number;
}

interface CustomerBasket {
  buyerId: string;
  items: BasketItem[];
}

export function Basket({ buyerId }: { buyerId: string }) {
  const [basket, setBasket] = useState<CustomerBasket | null>(null);

  useEffect(() => {
    api.get<CustomerBasket>(`/api/basket/${buyerId}`).then((response) => setBasket(response.data));
  }, [buyerId]);

  async function clear() {
    await api.delete(`/api/basket/${buyerId}`);
    setBasket(null);
  }

  if (!basket) return <p>Loading…</p>;
  return (
    <section>
      <h2>Your basket ({basket.items.length})</h2>
      <button onClick={clear}>Empty basket</button>
    </section>
  );
}
