import os

import httpx

ORDERS_URL = os.environ["ORDERS_URL"]


class OrdersClient:
    def __init__(self) -> None:
        self.http = httpx.Client(base_url=ORDERS_URL, timeout=5.0)

    def paid_orders(self) -> dict:
        return self.http.get("/orders", params={"status": "paid"}).json()

    def order(self, order_id: str) -> dict:
        return self.http.get(f"/orders/{order_id}").json()
