using Mesh.Engine.Indexing;
using Mesh.Engine.Model;
using Mesh.Testing;
using Microsoft.Data.Sqlite;
using static Mesh.Engine.Tests.Extraction.JavaScript.JsSource;

namespace Mesh.Engine.Tests.Extraction.JavaScript;

/// <summary>
/// Front-end clients as they are written: wrappers that callers go through (object-literal members, options objects,
/// imported from another module), Angular interceptors that add the base, and the shapes of the widely used
/// TypeScript client generators. Each fixture is indexed as a real repo, so the callers are what a user sees.
/// </summary>
public sealed class ClientWrapperTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    private async Task<List<string>> CallSites(params (string Path, string Content)[] files)
    {
        var repo = _workspace.AddRepo("web");
        foreach (var (path, content) in files) repo.Write(path, content);
        repo.Commit();
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());
        return index.Store.Graph().CallSites.OrderBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line)
            .Select(c => $"{c.File}:{c.Line} {c.Fact.Method ?? "?"} {c.Fact.Url} {c.Fact.Client} via={c.Fact.Via ?? "-"}").ToList();
    }

    [Fact]
    public async Task Members_of_a_wrapper_object_over_superagent_make_their_callers_call_sites_with_the_base()
    {
        const string agent = """
            import superagentPromise from 'superagent-promise';
            import _superagent from 'superagent';

            const superagent = superagentPromise(_superagent, global.Promise);
            const API_ROOT = 'https://shop.example.com/api';
            const responseBody = res => res.body;

            const requests = {
              del: url =>
                superagent.del(`${API_ROOT}${url}`).then(responseBody),
              get: url =>
                superagent.get(`${API_ROOT}${url}`).then(responseBody),
              post: (url, body) =>
                superagent.post(`${API_ROOT}${url}`, body).then(responseBody)
            };

            const Orders = {
              all: page => requests.get(`/orders?page=${page}`),
              create: order => requests.post('/orders', { order }),
              remove: id => requests.del(`/orders/${id}`)
            };

            export default { Orders };
            """;

        var calls = await CallSites(("src/agent.js", agent));

        Assert.Equal(
            [
                $"src/agent.js:{LineOf(agent, "all: page")} GET https://shop.example.com/api/orders?page={{page}} superagent via=requests.get",
                $"src/agent.js:{LineOf(agent, "create: order")} POST https://shop.example.com/api/orders superagent via=requests.post",
                $"src/agent.js:{LineOf(agent, "remove: id")} DELETE https://shop.example.com/api/orders/{{id}} superagent via=requests.del",
            ],
            calls);
    }

    [Fact]
    public async Task A_request_helper_taking_an_options_object_makes_its_callers_in_other_modules_call_sites()
    {
        const string helper = """
            interface IRequestParams {
              url: string;
              method?: 'GET' | 'POST' | 'DELETE';
              body?: object;
              queryParams?: Record<string, any>;
            }

            const request = async <T>({ url = '', method = 'GET', body, queryParams = {} }: IRequestParams): Promise<T> => {
              const response = await fetch(`${url}?${new URLSearchParams(queryParams).toString()}`, {
                method,
                body: body ? JSON.stringify(body) : undefined,
              });
              return response.json();
            };

            export default request;
            """;
        const string gateway = """
            import request from '../utils/request';

            const basePath = '/api';

            const Apis = () => ({
              getCart(currency: string) {
                return request<Cart>({
                  url: `${basePath}/cart`,
                  queryParams: { currency },
                });
              },
              emptyCart(userId: string) {
                return request<void>({
                  url: `${basePath}/cart`,
                  method: 'DELETE',
                  body: { userId },
                });
              },
            });

            export default Apis();
            """;

        var calls = await CallSites(("src/utils/request.ts", helper), ("src/gateways/api.ts", gateway));

        Assert.Equal(
            [
                $"src/gateways/api.ts:{LineOf(gateway, "request<Cart>")} GET /api/cart fetch via=request",
                $"src/gateways/api.ts:{LineOf(gateway, "request<void>")} DELETE /api/cart generated via=-",
            ],
            calls);
    }

    [Fact]
    public async Task A_wrapper_taking_the_method_in_an_options_argument_gives_each_caller_its_method()
    {
        const string client = """
            export async function api(path, { method = 'GET', body } = {}) {
              const res = await fetch(`/api/v1${path}`, { method, body: JSON.stringify(body) });
              return res.json();
            }

            export const loadUser = id => api(`/users/${id}`);
            export const saveUser = user => api('/users', { method: 'POST', body: user });
            """;

        var calls = await CallSites(("src/api.js", client));

        Assert.Equal(
            [
                $"src/api.js:{LineOf(client, "loadUser")} GET /api/v1/users/{{id}} fetch via=api",
                $"src/api.js:{LineOf(client, "saveUser")} POST /api/v1/users fetch via=api",
            ],
            calls);
    }

    [Fact]
    public void An_angular_interceptor_binds_its_base_to_the_apps_HttpClient_calls()
    {
        const string interceptor = """
            import { HttpInterceptorFn } from '@angular/common/http';

            export const apiInterceptor: HttpInterceptorFn = (req, next) => {
              const apiReq = req.clone({ url: `https://api.example.com/api${req.url}` });
              return next(apiReq);
            };
            """;
        const string classic = """
            const BASE = 'https://api.example.com/v2';

            @Injectable()
            export class BaseUrlInterceptor implements HttpInterceptor {
              intercept(request: HttpRequest<unknown>, next: HttpHandler) {
                return next.handle(request.clone({ url: BASE + request.url }));
              }
            }
            """;
        const string service = """
            @Injectable({ providedIn: 'root' })
            export class TagsService {
              constructor(private readonly http: HttpClient) {}

              getAll() {
                return this.http.get<{ tags: string[] }>('/tags');
              }
            }
            """;

        Assert.Equal([new ClientBindingFact("angular:HttpClient", "https://api.example.com/api", LineOf(interceptor, "req.clone"))],
            Extract("src/app/core/api.interceptor.ts", interceptor).ClientBindings);
        Assert.Equal([new ClientBindingFact("angular:HttpClient", "https://api.example.com/v2", LineOf(classic, "request.clone"))],
            Extract("src/app/core/base-url.interceptor.ts", classic).ClientBindings);
        var call = Assert.Single(Extract("src/app/tags.service.ts", service).CallSites);
        Assert.Equal(("angular", "/tags", "angular:HttpClient"), (call.Client, call.Url, call.ClientScope));
    }

    [Fact]
    public async Task Angular_calls_link_to_the_route_under_the_interceptors_base()
    {
        _workspace.AddRepo("api").Write("src/app.js", """
            const express = require('express');
            const app = express();
            app.get('/api/tags', (req, res) => res.json({ tags: [] }));
            app.get('/tags', (req, res) => res.send('the tags page'));
            app.listen(3000);
            """).Commit();
        _workspace.AddRepo("web")
            .Write("src/app/api.interceptor.ts", """
                export const apiInterceptor: HttpInterceptorFn = (req, next) => next(req.clone({ url: `https://api.example.com/api${req.url}` }));
                """)
            .Write("src/app/tags.service.ts", """
                export class TagsService {
                  constructor(private readonly http: HttpClient) {}
                  getAll() { return this.http.get('/tags'); }
                }
                """).Commit();
        var index = _workspace.OpenIndex();
        await index.IndexAsync(new IndexRequest());

        var graph = index.Store.Graph();
        var call = Assert.Single(graph.CallSites);
        Assert.Equal(["api:GET:/api/tags"], graph.Links.Where(l => l.CallSite == call.Id).Select(l => l.Endpoint));
    }

    [Fact]
    public void Generated_clients_of_each_generator_are_call_sites_with_their_method_and_path()
    {
        // @hey-api/openapi-ts
        const string heyApi = """
            export class ItemsService {
              public static readItem<ThrowOnError extends boolean = true>(options: Options<ReadItemData, ThrowOnError>) {
                return (options.client ?? client).get<ReadItemResponses, ReadItemErrors, ThrowOnError>({
                  responseType: 'json',
                  url: '/api/v1/items/{id}',
                  ...options
                });
              }
            }
            export const deleteItem = (options) => (options?.client ?? client).delete({ url: '/api/v1/items/{id}', ...options });
            """;
        // orval (custom instance)
        const string orval = """
            export const showPetById = (petId: string, signal?: AbortSignal) => {
              return customInstance<Pet>({ url: `/pets/${petId}`, method: 'GET', signal });
            };
            """;
        // openapi-generator typescript-fetch
        const string typescriptFetch = """
            export class PetApi extends runtime.BaseAPI {
              async getPetByIdRaw(requestParameters: GetPetByIdRequest, initOverrides?: RequestInit): Promise<runtime.ApiResponse<Pet>> {
                const response = await this.request({
                  path: `/pet/{petId}`.replace(`{${"petId"}}`, encodeURIComponent(String(requestParameters['petId']))),
                  method: 'GET',
                  headers: headerParameters,
                  query: queryParameters,
                }, initOverrides);
                return new runtime.JSONApiResponse(response);
              }
            }
            """;
        // NSwag TypeScript (fetch template)
        const string nswag = """
            export class ItemsClient {
              private http: { fetch(url: RequestInfo, init?: RequestInit): Promise<Response> };
              private baseUrl: string;

              getItem(id: string): Promise<Item> {
                let url_ = this.baseUrl + "/api/items/{id}";
                url_ = url_.replace("{id}", encodeURIComponent("" + id));
                let options_: RequestInit = {
                  method: "DELETE",
                  headers: { "Accept": "application/json" }
                };
                return this.http.fetch(url_, options_).then((_response: Response) => this.processGetItem(_response));
              }
            }
            """;
        // hapi declares a route with the same keys: not a call
        const string hapi = """
            server.route({ method: 'GET', path: '/pets/{id}', handler: (request, h) => 'ok' });
            """;

        Assert.Equal(
            [("generated", "GET", "/api/v1/items/{id}", "readItem"), ("generated", "DELETE", "/api/v1/items/{id}", "deleteItem")],
            Extract("src/client/sdk.gen.ts", heyApi).CallSites.Select(c => (c.Client, c.Method, c.Url, c.OperationId)));
        Assert.Equal([("generated", "GET", "/pets/{petId}", LineOf(orval, "customInstance"))],
            Extract("src/api/pets.ts", orval).CallSites.Select(c => (c.Client, c.Method, c.Url, c.Line)));
        Assert.Equal([("generated", "GET", "/pet/{petId}")],
            Extract("src/apis/PetApi.ts", typescriptFetch).CallSites.Select(c => (c.Client, c.Method, c.Url)));
        Assert.Equal([("fetch", "DELETE", "{baseUrl}/api/items/{id}")],
            Extract("src/clients.ts", nswag).CallSites.Select(c => (c.Client, c.Method, c.Url)));
        Assert.Empty(Extract("src/server.js", hapi).CallSites);
    }
}
