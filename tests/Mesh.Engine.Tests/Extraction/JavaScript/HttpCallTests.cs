using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.JavaScript.JsSource;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

public sealed class HttpCallTests
{
    private const string ReactComponent = """
        import { useEffect, useState } from "react";
        import axios from "axios";

        const API = import.meta.env.VITE_API_URL;
        const api = axios.create({ baseURL: process.env.REACT_APP_ORDERS_URL, timeout: 5000 });

        interface Order {
          id: string;
          total?: number;
        }

        export function Orders({ customerId }: { customerId: string }) {
          const [orders, setOrders] = useState<Order[]>([]);

          useEffect(() => {
            fetch(`${API}/customers/${customerId}/orders`)
              .then((r) => r.json())
              .then(setOrders);
          }, [customerId]);

          async function cancel(id: string) {
            const url = "/api/orders/" + id + "/cancel";
            await fetch(url, { method: "post", body: JSON.stringify({ reason: "user" }) });
            await api.delete<void>(`/orders/${id}`);
            const { data } = await api.get<Order>(`/orders/${id}`);
            await axios({ method: "put", url: `/api/orders/${id}`, data });
            await axios.post(endpointFor(id), data);
          }

          return <button onClick={() => cancel(orders[0].id)}>Cancel</button>;
        }
        """;

    [Fact]
    public void Fetch_and_axios_calls_have_their_method_url_and_base()
    {
        var calls = Extract("src/components/Orders.tsx", ReactComponent).CallSites;

        Assert.Equal(
            [
                ("fetch", "GET", "{VITE_API_URL}/customers/{customerId}/orders", "env:VITE_API_URL", LineOf(ReactComponent, "fetch(`")),
                ("fetch", "POST", "/api/orders/{id}/cancel", null, LineOf(ReactComponent, "fetch(url")),
                ("axios", "DELETE", "/orders/{id}", "env:REACT_APP_ORDERS_URL", LineOf(ReactComponent, "api.delete")),
                ("axios", "GET", "/orders/{id}", "env:REACT_APP_ORDERS_URL", LineOf(ReactComponent, "api.get")),
                ("axios", "PUT", "/api/orders/{id}", null, LineOf(ReactComponent, "axios({")),
                ("axios", "POST", "{id}", null, LineOf(ReactComponent, "axios.post")),
            ],
            calls.Select(c => (c.Client, c.Method, c.Url, c.BaseHint, c.Line)));
        Assert.Equal("Order", calls[3].ResponseSchema!.Ref);
        Assert.All(calls.Take(5), c => Assert.Null(c.Unresolved));
        Assert.Equal("value computed at run time", calls[5].Unresolved);
    }

    [Fact]
    public void Interfaces_of_the_file_are_schemas()
    {
        var order = Extract("src/components/Orders.tsx", ReactComponent).Schemas.Schemas["Order"];

        Assert.Equal(["id"], order.Required!);
        Assert.Equal(["number"], order.Properties!["total"].Types!);
    }

    [Fact]
    public void Angular_service_calls_read_the_url_and_the_response_type()
    {
        const string source = """
            import { Injectable } from "@angular/core";
            import { HttpClient } from "@angular/common/http";
            import { environment } from "../environments/environment";
            import { Article } from "./article";

            const ARTICLES = "/api/articles";

            @Injectable({ providedIn: "root" })
            export class ArticlesService {
              constructor(private http: HttpClient) {}

              get(slug: string) {
                return this.http.get<{ article: Article }>(`${ARTICLES}/${slug}`);
              }

              list() {
                return this.http.get<Article[]>(ARTICLES);
              }

              remove(slug: string) {
                return this.http.request("DELETE", `${environment.apiUrl}/articles/${slug}`);
              }
            }
            """;

        var calls = Extract("src/app/articles.service.ts", source).CallSites;

        Assert.Equal(
            [
                ("GET", "/api/articles/{slug}", LineOf(source, "`${ARTICLES}/${slug}`")),
                ("GET", "/api/articles", LineOf(source, "(ARTICLES)")),
                ("DELETE", "{apiUrl}/articles/{slug}", LineOf(source, "this.http.request")),
            ],
            calls.Select(c => (c.Method, c.Url, c.Line)));
        Assert.All(calls, c => Assert.Equal("angular", c.Client));
        Assert.Equal("Article", calls[1].ResponseSchema!.Items!.Ref);
        Assert.Equal("'environment.apiUrl' is not a constant of this file", calls[2].Unresolved);
    }

    [Fact]
    public void Ky_superagent_and_generated_clients_are_call_sites()
    {
        const string source = """
            import ky from "ky";
            import request from "superagent";
            import { request as __request } from "../core/request";
            import { OpenAPI } from "../core/OpenAPI";

            export async function sync(id) {
              await ky.post("https://billing.example.com/invoices", { json: { id } });
              await request.del(`/api/sessions/${id}`);
            }

            export class OrdersService {
              public static getOrder(id: string): CancelablePromise<Order> {
                return __request(OpenAPI, {
                  method: "GET",
                  url: "/orders/{id}",
                  path: { id },
                });
              }
            }
            """;

        var calls = Extract("src/sync.ts", source).CallSites;

        Assert.Equal(
            [
                ("ky", "POST", "https://billing.example.com/invoices", LineOf(source, "ky.post")),
                ("superagent", "DELETE", "/api/sessions/{id}", LineOf(source, "request.del")),
                ("generated", "GET", "/orders/{id}", LineOf(source, "return __request")),
            ],
            calls.Select(c => (c.Client, c.Method, c.Url, c.Line)));
        Assert.Equal([null, null, "getOrder"], calls.Select(c => c.OperationId));
    }

    [Fact]
    public void A_wrapper_forwards_its_url_and_its_callers_are_candidates()
    {
        const string source = """
            const BASE = process.env.NEXT_PUBLIC_API ?? "";
            const PREFIX = "/api/v2";

            export async function apiFetch<T>(path: string, method = "GET", body?: unknown): Promise<T> {
              const res = await fetch(PREFIX + path, { method, body: JSON.stringify(body) });
              return res.json();
            }

            export const getJson = (url) => axios.get(`${PREFIX}${url}`);

            export async function loadOrder(id: string) {
              return apiFetch<Order>(`/orders/${id}`);
            }

            export async function placeOrder(order: Order) {
              return apiFetch("/orders", "POST", order);
            }
            """;

        var facts = Extract("src/lib/api.ts", source);

        Assert.Empty(facts.CallSites);
        Assert.Equal(
            [
                new WrapperFact("apiFetch", 3, 0, 1, "GET", "fetch", LineOf(source, "function apiFetch"), "/api/v2"),
                new WrapperFact("getJson", 1, 0, null, "GET", "axios", LineOf(source, "const getJson"), "/api/v2"),
            ],
            facts.Wrappers);
        Assert.Equal(
            [
                ("apiFetch", new[] { "/orders/{id}" }, LineOf(source, "apiFetch<Order>"), "Order"),
                ("apiFetch", new[] { "/orders", "POST", null }, LineOf(source, "apiFetch(\"/orders\""), null),
            ],
            facts.CallCandidates.Select(c => (c.Function, c.Arguments.ToArray(), c.Line, c.ResponseSchema?.Ref)));
    }

    [Fact]
    public void An_instance_module_binds_its_base_and_importing_files_call_through_it()
    {
        const string client = """
            import axios from "axios";

            const api = axios.create({ baseURL: import.meta.env.VITE_ORDERS_API });

            export default api;
            """;
        const string page = """
            import api from "../lib/api";
            import { formatDate } from "../lib/format";

            export async function loadOrders(status: string) {
              const { data } = await api.get<Order[]>(`/orders?status=${status}`);
              return data.map((o) => ({ ...o, placed: formatDate(o.placedAt) }));
            }
            """;

        Assert.Equal([new ClientBindingFact("export:default", "env:VITE_ORDERS_API", LineOf(client, "export default"))], Extract("src/lib/api.ts", client).ClientBindings);
        var call = Assert.Single(Extract("src/pages/orders.ts", page).CallSites);
        Assert.Equal(("axios", "GET", "/orders?status={status}", "js:../lib/api@default", LineOf(page, "api.get")), (call.Client, call.Method, call.Url, call.ClientScope, call.Line));
        Assert.Null(call.BaseHint);
    }
}
