; NestJS: controller classes (@Controller, also written before `export`) and the global prefix set in main.ts.

; app.setGlobalPrefix("api")
((call_expression
  function: (member_expression property: (property_identifier) @name)
  arguments: (arguments . (_) @prefix)) @call
  (#eq? @name "setGlobalPrefix"))

; @Controller("orders") export class OrdersController { ... }
((class_declaration
  decorator: (decorator [(call_expression function: (identifier) @decorator) (identifier) @decorator]) @controller) @class
  (#eq? @decorator "Controller"))
((export_statement
  decorator: (decorator [(call_expression function: (identifier) @decorator) (identifier) @decorator]) @controller
  declaration: (class_declaration) @class)
  (#eq? @decorator "Controller"))
