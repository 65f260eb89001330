; Fastify: the instances a file creates, routes on them or on a plugin's instance parameter, and plugin registrations.

; const app = Fastify({ logger: true }); const fastify = require("fastify")({ logger: true })
(variable_declarator
  name: (identifier) @name
  value: (call_expression function: (identifier) @factory)) @creation
((variable_declarator
  name: (identifier) @name
  value: (call_expression function: (call_expression function: (identifier) @require arguments: (arguments . (string) @module)))) @creation
  (#eq? @require "require"))

; fastify.get("/orders/:id", handler), fastify.all(...), fastify.route({ method, url, handler }),
; fastify.register(ordersRoutes, { prefix: "/orders" })
((call_expression
  function: (member_expression object: (identifier) @receiver property: (property_identifier) @verb) @callee) @call
  (#any-of? @verb "get" "post" "put" "patch" "delete" "head" "options" "all" "route" "register"))
