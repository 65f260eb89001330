using System.Text;

namespace Mesh.Bench;

/// <summary>
/// A deterministic corpus of JavaScript/TypeScript the way web repos hold it: per service an Express, Koa or Fastify
/// server module and router, a NestJS controller with its DTOs, a React component calling the API, an Angular
/// service, an axios client module and plain helpers that call nothing (most code in a repo is that).
/// </summary>
public static class ScriptCorpus
{
    public static IEnumerable<(string Path, byte[] Content)> Generate(int services, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < services; i++)
        {
            var entity = Entities[random.Next(Entities.Length)];
            var name = $"svc{i:D4}";
            switch (i % 3)
            {
                case 0:
                    yield return ($"{name}/src/app.js", Encode(ExpressApp(entity)));
                    yield return ($"{name}/src/routes/{entity}s.js", Encode(ExpressRouter(entity, random)));
                    break;
                case 1:
                    yield return ($"{name}/src/server.ts", Encode(KoaServer(entity, random)));
                    break;
                default:
                    yield return ($"{name}/src/server.ts", Encode(FastifyServer(entity, random)));
                    yield return ($"{name}/src/routes/{entity}s.ts", Encode(FastifyPlugin(entity, random)));
                    break;
            }
            yield return ($"{name}/src/{entity}s/{entity}s.controller.ts", Encode(NestController(entity, random)));
            yield return ($"{name}/src/{entity}s/dto.ts", Encode(Dtos(entity, random)));
            yield return ($"{name}/web/src/components/{Title(entity)}List.tsx", Encode(ReactComponent(entity, random)));
            yield return ($"{name}/web/src/app/{entity}s.service.ts", Encode(AngularService(entity)));
            yield return ($"{name}/web/src/lib/api.ts", Encode(ApiClient(entity)));
            yield return ($"{name}/src/util/{entity}Helpers.ts", Encode(Helpers(entity, random)));
        }
    }

    private static readonly string[] Entities = ["order", "invoice", "product", "customer", "shipment", "basket", "payment", "review"];

    private static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    private static string Title(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string ExpressApp(string entity) => $$"""
        "use strict";
        const express = require("express");
        const helmet = require("helmet");
        const { {{entity}}sRouter } = require("./routes/{{entity}}s");
        const logger = require("./logger");

        const app = express();
        app.use(helmet());
        app.use(express.json({ limit: "1mb" }));
        app.use((req, res, next) => {
          const started = Date.now();
          res.on("finish", () => logger.info({ path: req.path, status: res.statusCode, ms: Date.now() - started }));
          next();
        });

        app.get("/health", (req, res) => res.json({ ok: true, uptime: process.uptime() }));
        app.all("/api/legacy/{{entity}}s", (req, res) => res.status(410).json({ error: "gone" }));
        app.use("/api/{{entity}}s", {{entity}}sRouter);

        app.use((err, req, res, next) => {
          logger.error(err);
          res.status(err.status || 500).json({ error: err.message });
        });

        const port = Number(process.env.PORT || 3000);
        app.listen(port, () => logger.info(`listening on ${port}`));
        module.exports = app;
        """;

    private static string ExpressRouter(string entity, Random random)
    {
        var text = new StringBuilder($$"""
            const express = require("express");
            const db = require("../db");
            const { validate } = require("../middleware/validate");

            const {{entity}}sRouter = express.Router();

            """);
        for (var m = 0; m < 3 + random.Next(3); m++)
            text.Append($$"""
                {{entity}}sRouter.get("/v{{m}}", async (req, res, next) => {
                  try {
                    const page = Math.max(1, parseInt(req.query.page ?? "1", 10));
                    const rows = await db.{{entity}}s.find({ tenant: req.user.tenant }).skip((page - 1) * 20).limit(20);
                    res.json({ items: rows.map((r) => ({ id: r._id, ...r.toJSON() })), page });
                  } catch (e) {
                    next(e);
                  }
                });

                {{entity}}sRouter
                  .route("/v{{m}}/:id")
                  .get(async (req, res) => res.json(await db.{{entity}}s.findById(req.params.id)))
                  .put(validate("{{entity}}"), async (req, res) => res.json(await db.{{entity}}s.update(req.params.id, req.body)))
                  .delete(async (req, res) => {
                    await db.{{entity}}s.remove(req.params.id);
                    res.status(204).end();
                  });

                {{entity}}sRouter.post("/v{{m}}", validate("{{entity}}"), async (req, res) => {
                  const created = await db.{{entity}}s.create({ ...req.body, createdAt: new Date() });
                  const notify = await fetch(`${process.env.NOTIFY_URL}/events`, { method: "POST", body: JSON.stringify(created) });
                  if (!notify.ok) console.warn("notify failed", notify.status);
                  res.status(201).json(created);
                });


                """);
        text.Append($"module.exports = {{ {entity}sRouter }};\n");
        return text.ToString();
    }

    private static string KoaServer(string entity, Random random)
    {
        var text = new StringBuilder($$"""
            import Koa from "koa";
            import Router from "@koa/router";
            import bodyParser from "koa-bodyparser";
            import { {{entity}}Store } from "./store";

            const app = new Koa();
            const router = new Router({ prefix: "/api/{{entity}}s" });
            const admin = new Router();

            """);
        for (var m = 0; m < 3 + random.Next(3); m++)
            text.Append($$"""
                router.get("/v{{m}}/:id", async (ctx) => {
                  const found = await {{entity}}Store.get(ctx.params.id);
                  if (!found) ctx.throw(404, "no such {{entity}}");
                  ctx.body = { ...found, links: { self: `/api/{{entity}}s/v{{m}}/${found.id}` } };
                });

                router.post("/v{{m}}", async (ctx) => {
                  const body = ctx.request.body as Record<string, unknown>;
                  ctx.status = 201;
                  ctx.body = await {{entity}}Store.create({ ...body, version: {{m}} });
                });

                admin.delete("/purge/v{{m}}", async (ctx) => {
                  await {{entity}}Store.purge({{m}});
                  ctx.status = 204;
                });


                """);
        text.Append("""
            router.use("/admin", admin.routes(), admin.allowedMethods());
            app.use(bodyParser());
            app.use(router.routes()).use(router.allowedMethods());
            app.listen(Number(process.env.PORT ?? 3000));

            """);
        return text.ToString();
    }

    private static string FastifyServer(string entity, Random random) => $$"""
        import Fastify from "fastify";
        import {{entity}}Routes from "./routes/{{entity}}s";

        const fastify = Fastify({ logger: true });

        fastify.get("/health", async () => ({ ok: true }));
        fastify.register({{entity}}Routes, { prefix: "/api/{{entity}}s" });

        const start = async () => {
          try {
            await fastify.listen({ port: Number(process.env.PORT ?? 3000), host: "0.0.0.0" });
          } catch (err) {
            fastify.log.error(err);
            process.exit(1);
          }
        };
        start();
        """;

    private static string FastifyPlugin(string entity, Random random)
    {
        var text = new StringBuilder($$"""
            import type { FastifyInstance, FastifyPluginAsync } from "fastify";

            const {{entity}}Routes: FastifyPluginAsync = async (fastify: FastifyInstance) => {

            """);
        for (var m = 0; m < 3 + random.Next(3); m++)
            text.Append($$"""
                  fastify.get<{ Params: { id: string } }>("/v{{m}}/:id", async (request, reply) => {
                    const row = await fastify.db.{{entity}}s.findOne({ id: request.params.id });
                    if (!row) return reply.code(404).send({ error: "not found" });
                    return row;
                  });

                  fastify.route({
                    method: "PUT",
                    url: "/v{{m}}/:id",
                    schema: { body: { type: "object", properties: { name: { type: "string" } } } },
                    handler: async (request, reply) => {
                      await fastify.db.{{entity}}s.update(request.params, request.body);
                      reply.code(204).send();
                    },
                  });


                """);
        text.Append($"}};\n\nexport default {entity}Routes;\n");
        return text.ToString();
    }

    private static string NestController(string entity, Random random)
    {
        var type = Title(entity);
        var text = new StringBuilder($$"""
            import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from "@nestjs/common";
            import { Create{{type}}Dto, {{type}}Dto } from "./dto";
            import { {{type}}sService } from "./{{entity}}s.service";

            @Controller("{{entity}}s")
            export class {{type}}sController {
              constructor(private readonly {{entity}}s: {{type}}sService) {}

            """);
        for (var m = 0; m < 2 + random.Next(3); m++)
            text.Append($$"""
                  @Get("v{{m}}")
                  list{{m}}(@Query("status") status?: string, @Query("limit") limit?: number): Promise<{{type}}Dto[]> {
                    const capped = Math.min(limit ?? 50, 200);
                    return this.{{entity}}s.list({ status, limit: capped, version: {{m}} });
                  }

                  @Get("v{{m}}/:id")
                  async find{{m}}(@Param("id") id: string): Promise<{{type}}Dto> {
                    const found = await this.{{entity}}s.find(id);
                    if (!found) throw new NotFoundException(`{{entity}} ${id}`);
                    return found;
                  }

                  @Post("v{{m}}")
                  @HttpCode(201)
                  create{{m}}(@Body() dto: Create{{type}}Dto): Promise<{{type}}Dto> {
                    return this.{{entity}}s.create(dto);
                  }


                """);
        text.Append("}\n");
        return text.ToString();
    }

    private static string Dtos(string entity, Random random)
    {
        var type = Title(entity);
        var text = new StringBuilder("import { IsInt, IsOptional, IsString, MaxLength, Min } from \"class-validator\";\n\n");
        text.Append($$"""
            export class Create{{type}}Dto {
              @IsString()
              @MaxLength(40)
              customerId!: string;

              @IsInt()
              @Min(1)
              quantity: number;

              @IsOptional()
              note?: string;

              status: "draft" | "placed" | "cancelled";
              lines: {{type}}Line[];
            }

            export interface {{type}}Line {
              sku: string;
              quantity: number;
              price: number | null;
            }

            export interface {{type}}Dto {
              id: string;
              total?: number;
              createdAt: Date;
              tags: Array<string>;
              meta: Record<string, { value: number | null }>;
            }

            """);
        for (var m = 0; m < random.Next(4); m++)
            text.Append($"\nexport type {type}Event{m} = {{ kind: \"{entity}.{m}\"; at: Date; payload: Partial<{type}Dto> }};\n");
        return text.ToString();
    }

    private static string ReactComponent(string entity, Random random)
    {
        var type = Title(entity);
        return $$"""
            import { useCallback, useEffect, useMemo, useState } from "react";
            import axios from "axios";
            import api from "../lib/api";
            import type { {{type}}Dto } from "../types";

            const API = import.meta.env.VITE_API_URL;

            export function {{type}}List({ customerId, pageSize = {{10 + random.Next(20)}} }: { customerId: string; pageSize?: number }) {
              const [items, setItems] = useState<{{type}}Dto[]>([]);
              const [error, setError] = useState<string | null>(null);
              const [filter, setFilter] = useState("");

              useEffect(() => {
                let cancelled = false;
                fetch(`${API}/customers/${customerId}/{{entity}}s?limit=${pageSize}`)
                  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))))
                  .then((data) => { if (!cancelled) setItems(data.items); })
                  .catch((e) => setError(String(e)));
                return () => { cancelled = true; };
              }, [customerId, pageSize]);

              const visible = useMemo(
                () => items.filter((i) => JSON.stringify(i).toLowerCase().includes(filter.toLowerCase())),
                [items, filter],
              );

              const remove = useCallback(async (id: string) => {
                await api.delete(`/{{entity}}s/${id}`);
                const { data } = await axios.get<{{type}}Dto[]>(`/api/{{entity}}s?customer=${customerId}`);
                setItems(data);
              }, [customerId]);

              if (error) return <p className="error">{error}</p>;
              return (
                <section>
                  <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter {{entity}}s" />
                  <ul>
                    {visible.map((item) => (
                      <li key={item.id}>
                        <span>{item.id}</span> <small>{new Date(item.createdAt).toLocaleDateString()}</small>
                        <button onClick={() => remove(item.id)}>Remove</button>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            }

            """;
    }

    private static string AngularService(string entity)
    {
        var type = Title(entity);
        return $$"""
            import { Injectable } from "@angular/core";
            import { HttpClient, HttpParams } from "@angular/common/http";
            import { Observable, map } from "rxjs";
            import { environment } from "../environments/environment";

            const BASE = "/api/{{entity}}s";

            export interface {{type}}Page {
              items: {{type}}[];
              total: number;
            }

            @Injectable({ providedIn: "root" })
            export class {{type}}sService {
              constructor(private http: HttpClient) {}

              page(index: number, size = 20): Observable<{{type}}Page> {
                const params = new HttpParams().set("page", index).set("size", size);
                return this.http.get<{{type}}Page>(BASE, { params });
              }

              get(id: string): Observable<{{type}}> {
                return this.http.get<{{type}}>(`${BASE}/${id}`).pipe(map((x) => ({ ...x, loadedAt: Date.now() })));
              }

              save(item: {{type}}) {
                return item.id ? this.http.put<{{type}}>(`${BASE}/${item.id}`, item) : this.http.post<{{type}}>(BASE, item);
              }

              audit(id: string) {
                return this.http.request("GET", `${environment.auditUrl}/{{entity}}s/${id}/audit`);
              }
            }

            """;
    }

    private static string ApiClient(string entity) => $$"""
        import axios from "axios";

        const api = axios.create({ baseURL: import.meta.env.VITE_{{entity.ToUpperInvariant()}}_API, timeout: 5000 });

        api.interceptors.response.use(
          (r) => r,
          (error) => {
            if (error.response?.status === 401) window.location.assign("/login");
            return Promise.reject(error);
          },
        );

        export async function apiGet<T>(path: string): Promise<T> {
          const res = await fetch("/api" + path, { headers: { accept: "application/json" } });
          return (await res.json()) as T;
        }

        export const load{{Title(entity)}} = (id: string) => apiGet(`/{{entity}}s/${id}`);

        export default api;
        """;

    private static string Helpers(string entity, Random random)
    {
        var text = new StringBuilder($"// Helpers for {entity}s: formatting, money, dates. No I/O.\nimport {{ format }} from \"date-fns\";\n\n");
        for (var m = 0; m < 4 + random.Next(6); m++)
            text.Append($$"""
                export interface Money{{m}} {
                  amount: number;
                  currency: "EUR" | "USD" | "GBP";
                }

                export function formatMoney{{m}}(value: Money{{m}}, locale = "en-GB"): string {
                  const digits = value.currency === "GBP" ? 2 : {{m % 3}};
                  return new Intl.NumberFormat(locale, { style: "currency", currency: value.currency, minimumFractionDigits: digits }).format(value.amount);
                }

                export const sum{{m}} = (values: Money{{m}}[]): number => values.reduce((total, v) => total + v.amount * (1 + {{m}} / 100), 0);

                export class {{Title(entity)}}Cache{{m}}<T extends { id: string }> {
                  private readonly items = new Map<string, { value: T; expires: number }>();

                  constructor(private readonly ttl: number = {{1000 * (m + 1)}}) {}

                  get(id: string): T | undefined {
                    const hit = this.items.get(id);
                    if (!hit || hit.expires < Date.now()) {
                      this.items.delete(id);
                      return undefined;
                    }
                    return hit.value;
                  }

                  set(value: T): void {
                    this.items.set(value.id, { value, expires: Date.now() + this.ttl });
                  }

                  label(value: T): string {
                    return `${value.id} @ ${format(new Date(), "yyyy-MM-dd")} [${[...this.items.keys()].join(", ")}]`;
                  }
                }


                """);
        return text.ToString();
    }
}
