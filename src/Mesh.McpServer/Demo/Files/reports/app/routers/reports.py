from datetime import date

from fastapi import APIRouter, Query
from pydantic import BaseModel

from app.orders_client import OrdersClient

router = APIRouter(prefix="/reports", tags=["reports"])


class SalesReport(BaseModel):
    day: date
    orders: int
    revenue: int
    currency: str = "EUR"


@router.get("/sales", response_model=SalesReport)
def sales(day: date = Query(...)) -> SalesReport:
    page = OrdersClient().paid_orders()
    revenue = sum(order["total"]["amount"] for order in page["items"])
    return SalesReport(day=day, orders=len(page["items"]), revenue=revenue)


@router.get("/orders/{order_id}/receipt")
def receipt(order_id: str) -> dict:
    return OrdersClient().order(order_id)
