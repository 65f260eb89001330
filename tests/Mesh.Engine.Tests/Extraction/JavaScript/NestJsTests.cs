using Mesh.Engine.Model;
using static Mesh.Engine.Tests.Extraction.JavaScript.JsSource;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

public sealed class NestJsTests
{
    private const string Controller = """
        import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from "@nestjs/common";
        import { CreateOrderDto, OrderDto } from "./dto";
        import { OrdersService } from "./orders.service";

        @Controller({ path: "orders", version: "1" })
        export class OrdersController {
          constructor(private readonly orders: OrdersService) {}

          @Get()
          list(@Query("status") status?: string, @Query("limit") limit?: number): Promise<OrderDto[]> {
            return this.orders.list(status, limit);
          }

          // Route parameters keep Nest's syntax.
          @Get(":id")
          async find(@Param("id") id: string): Promise<OrderDto> {
            return this.orders.find(id);
          }

          @Post()
          create(@Body() dto: CreateOrderDto): Promise<OrderDto> {
            return this.orders.create(dto);
          }

          @Delete(":id")
          @HttpCode(204)
          async remove(@Param("id") id: string): Promise<void> {
            await this.orders.remove(id);
          }

          private helper() {}
        }
        """;

    private const string Dto = """
        import { IsInt, IsOptional, IsString, MaxLength, Min } from "class-validator";

        export class CreateOrderDto {
          @IsString()
          @MaxLength(40)
          customerId!: string;

          @IsInt()
          @Min(1)
          quantity: number;

          @IsOptional()
          note: string;

          coupon?: string;
          status: "draft" | "placed";
          lines: OrderLine[];
        }

        export interface OrderDto {
          id: string;
          total?: number;
          createdAt: Date;
          tags: Array<string>;
        }
        """;

    private const string Main = """
        import { NestFactory } from "@nestjs/core";
        import { AppModule } from "./app.module";

        async function bootstrap() {
          const app = await NestFactory.create(AppModule);
          app.setGlobalPrefix("api");
          await app.listen(3000);
        }
        bootstrap();
        """;

    [Fact]
    public void Controller_routes_compose_with_the_controller_path_and_are_relative_to_the_global_prefix()
    {
        var facts = Extract("src/orders/orders.controller.ts", Controller);

        Assert.Equal(
            [
                ("GET", "/orders", LineOf(Controller, "@Get()")),
                ("GET", "/orders/:id", LineOf(Controller, "@Get(\":id\")")),
                ("POST", "/orders", LineOf(Controller, "@Post()")),
                ("DELETE", "/orders/:id", LineOf(Controller, "@Delete(")),
            ],
            facts.Endpoints.Select(e => (e.Method, e.Path, e.Line)));
        Assert.All(facts.Endpoints, e =>
        {
            Assert.Equal("nest:controllers", e.Scope);
            Assert.Equal("nestjs", e.Framework);
            Assert.Equal(["1"], e.Versions!);
        });
        Assert.Equal("OrdersController.find", facts.Endpoints[1].Handler);
    }

    [Fact]
    public void Handler_parameters_body_and_return_type_become_the_contract()
    {
        var facts = Extract("src/orders/orders.controller.ts", Controller);
        var list = facts.Endpoints[0];
        var find = facts.Endpoints[1];
        var create = facts.Endpoints[2];
        var remove = facts.Endpoints[3];

        Assert.Equal([("status", "query", false), ("limit", "query", false)], list.Parameters.Select(p => (p.Name, p.In, p.Required)));
        Assert.Equal(["number"], list.Parameters[1].Schema!.Types!);
        Assert.Equal("OrderDto", list.Responses.Single().Schema!.Items!.Ref);
        var id = Assert.Single(find.Parameters);
        Assert.Equal(("id", "path", true), (id.Name, id.In, id.Required));
        Assert.Equal(("200", "OrderDto"), (find.Responses.Single().Status, find.Responses.Single().Schema!.Ref));
        Assert.Equal("CreateOrderDto", create.RequestBody!.Schema!.Ref);
        Assert.Equal("201", create.Responses.Single().Status);
        Assert.Equal("204", remove.Responses.Single().Status);
        Assert.Null(remove.Responses.Single().Schema);
    }

    [Fact]
    public void Dto_classes_and_interfaces_become_schemas_with_validator_rules()
    {
        var schemas = Extract("src/orders/dto.ts", Dto).Schemas.Schemas;

        var create = schemas["CreateOrderDto"];
        Assert.Equal(["customerId", "quantity", "status", "lines"], create.Required!);
        Assert.Equal(["string"], create.Properties!["customerId"].Types!);
        Assert.Equal(40, create.Properties["customerId"].MaxLength);
        Assert.Equal(["integer"], create.Properties["quantity"].Types!);
        Assert.Equal(1m, create.Properties["quantity"].Minimum);
        Assert.Equal(["\"draft\"", "\"placed\""], create.Properties["status"].Enum!);
        Assert.Equal("OrderLine", create.Properties["lines"].Items!.Ref);
        var order = schemas["OrderDto"];
        Assert.Equal(["id", "createdAt", "tags"], order.Required!);
        Assert.Equal("date-time", order.Properties!["createdAt"].Format);
        Assert.Equal(["string"], order.Properties["tags"].Items!.Types!);
    }

    [Fact]
    public void Global_prefix_mounts_the_controllers_scope_at_the_root()
    {
        var facts = Extract("src/main.ts", Main);

        Assert.Equal([new MountFact("nest:controllers", null, "api", LineOf(Main, "setGlobalPrefix"))], facts.Mounts);
        Assert.Empty(facts.Endpoints);
    }
}
