using static Mesh.Engine.Tests.Extraction.JavaScript.JsSource;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

public sealed class NextJsTests
{
    [Fact]
    public void App_router_handlers_are_endpoints_of_the_file_route()
    {
        const string source = """
            import { NextResponse } from "next/server";

            export async function GET(request: Request, { params }: { params: { id: string } }) {
              return NextResponse.json(await db.orders.find(params.id));
            }

            export const DELETE = async (request: Request) => new Response(null, { status: 204 });

            export const dynamic = "force-dynamic";
            """;

        var facts = Extract("app/api/orders/[id]/route.ts", source);

        Assert.Equal(
            [("GET", LineOf(source, "function GET")), ("DELETE", LineOf(source, "const DELETE"))],
            facts.Endpoints.Select(e => (e.Method, e.Line)));
        Assert.All(facts.Endpoints, e => Assert.Equal(("", "fs:nextjs-app", "nextjs"), (e.Path, e.Scope, e.Framework)));
    }

    [Fact]
    public void Pages_api_handler_has_one_endpoint_per_method_it_checks()
    {
        const string source = """
            import type { NextApiRequest, NextApiResponse } from "next";

            export default async function handler(req: NextApiRequest, res: NextApiResponse) {
              if (req.method === "POST") {
                return res.status(201).json(await createOrder(req.body));
              }
              if (req.method === "GET") {
                return res.json(await listOrders());
              }
              res.setHeader("Allow", ["GET", "POST"]).status(405).end();
            }
            """;

        var facts = Extract("pages/api/orders/index.ts", source);

        Assert.Equal(
            [("POST", LineOf(source, "req.method === \"POST\"")), ("GET", LineOf(source, "req.method === \"GET\""))],
            facts.Endpoints.Select(e => (e.Method, e.Line)));
        Assert.All(facts.Endpoints, e =>
        {
            Assert.Equal(("", "fs:nextjs-pages"), (e.Path, e.Scope));
            Assert.Null(e.Confidence);
        });
    }

    [Fact]
    public void Pages_api_handler_switching_on_a_destructured_method_has_one_endpoint_per_case()
    {
        const string source = """
            import type { NextApiHandler } from "next";
            import InstrumentationMiddleware from "../../utils/telemetry/InstrumentationMiddleware";

            const handler: NextApiHandler = async ({ method, body, query }, res) => {
              const upstream = { method: "PATCH" };
              if (upstream.method === "PUT") return;
              switch (method) {
                case "GET": {
                  return res.status(200).json(await getCart(query));
                }
                case "POST": {
                  return res.status(200).json(await addItem(body));
                }
                case "DELETE": {
                  return res.status(204).send("");
                }
                default: {
                  return res.status(405);
                }
              }
            };

            export default InstrumentationMiddleware(handler);
            """;

        var facts = Extract("pages/api/cart.ts", source);

        Assert.Equal(
            [("GET", LineOf(source, "case \"GET\"")), ("POST", LineOf(source, "case \"POST\"")), ("DELETE", LineOf(source, "case \"DELETE\""))],
            facts.Endpoints.Select(e => (e.Method, e.Line)));
    }

    [Fact]
    public void Pages_api_guards_aliases_and_method_lists_name_the_methods_served()
    {
        const string guard = """
            export default async function handler(req, res) {
              if (req.method !== "POST") {
                res.setHeader("Allow", "POST");
                return res.status(405).end();
              }
              res.status(201).json(await save(req.body));
            }
            """;
        const string alias = """
            export default function handler(request, response) {
              const { method: verb } = request;
              if (verb.toUpperCase() == "put") return response.json({});
            }
            """;
        const string list = """
            export default function handler(req, res) {
              const verb = req.method;
              if (!["GET", "HEAD"].includes(verb)) return res.status(405).end();
              res.json({});
            }
            """;

        Assert.Equal(["POST"], Extract("pages/api/orders.js", guard).Endpoints.Select(e => e.Method));
        Assert.Equal(["PUT"], Extract("pages/api/orders.js", alias).Endpoints.Select(e => e.Method));
        Assert.Equal(["GET", "HEAD"], Extract("pages/api/orders.js", list).Endpoints.Select(e => e.Method));
    }

    [Fact]
    public void Pages_api_handler_without_method_checks_is_a_less_certain_GET()
    {
        const string source = """
            const handler = (req, res) => {
              res.status(200).json({ name: "orders" });
            };

            export default handler;
            """;

        var endpoint = Assert.Single(Extract("pages/api/hello.js", source).Endpoints);

        Assert.Equal(("GET", "fs:nextjs-pages", 0.6), (endpoint.Method, endpoint.Scope, endpoint.Confidence));
        Assert.Equal("pages API route: method decided in the handler", endpoint.Note);
    }

    [Fact]
    public void A_page_component_is_not_an_api_handler()
    {
        const string source = """
            export default function OrdersPage({ orders }) {
              return <ul>{orders.map((o) => <li key={o.id}>{o.id}</li>)}</ul>;
            }
            """;

        Assert.Empty(Extract("pages/orders.jsx", source).Endpoints);
    }
}
