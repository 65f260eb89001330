from fastapi import FastAPI

from app.routers import reports

app = FastAPI(title="Reports")
app.include_router(reports.router, prefix="/api")


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}
