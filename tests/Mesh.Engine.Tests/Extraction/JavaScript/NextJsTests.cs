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

        Assert.Equal(["GET", "POST"], facts.Endpoints.Select(e => e.Method));
        Assert.All(facts.Endpoints, e =>
        {
            Assert.Equal(("", "fs:nextjs-pages", LineOf(source, "export default")), (e.Path, e.Scope, e.Line));
            Assert.Null(e.Confidence);
        });
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
