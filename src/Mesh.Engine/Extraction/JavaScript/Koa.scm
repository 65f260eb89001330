; Koa with @koa/router or koa-router: the routers and apps a file creates, prefixes, routes and mounts.

; const router = new Router({ prefix: "/orders" }); const app = new Koa()
(variable_declarator
  name: (identifier) @name
  value: (new_expression constructor: (identifier) @class arguments: (arguments)? @arguments)) @creation

; router.get("/orders/:id", show), router.del(...), router.all(...), router.prefix("/v1"),
; router.use("/admin", admin.routes()), app.use(router.routes()).use(router.allowedMethods())
((call_expression
  function: (member_expression object: (_) @receiver property: (property_identifier) @verb) @callee) @call
  (#any-of? @verb "get" "post" "put" "patch" "delete" "del" "head" "options" "all" "use" "prefix"))
