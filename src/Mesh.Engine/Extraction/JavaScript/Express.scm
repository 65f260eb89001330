; Express: the applications and routers a file creates, their routes, route chains and mounts.

; const app = express(); const router = Router()
(variable_declarator
  name: (identifier) @name
  value: (call_expression function: (identifier) @factory)) @creation

; const router = express.Router()
((variable_declarator
  name: (identifier) @name
  value: (call_expression function: (member_expression property: (property_identifier) @router_factory))) @creation
  (#eq? @router_factory "Router"))

; const router = new Router(); const router = new express.Router()
(variable_declarator
  name: (identifier) @name
  value: (new_expression constructor: [(identifier) (member_expression)] @constructor)) @creation

; app.get("/orders", handler), router.all("/legacy", gone), app.use("/api", router),
; router.route("/orders/:id").get(show).put(update)
((call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @verb) @callee) @call
  (#any-of? @verb "get" "post" "put" "patch" "delete" "head" "options" "all" "use" "route"))
