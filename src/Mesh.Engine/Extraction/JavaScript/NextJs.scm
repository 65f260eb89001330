; Next.js route handlers: what a route file exports, and the methods a pages API handler checks.

; app router: export async function GET(request) {}; export const DELETE = async () => {}; export { handler as POST }
((export_statement declaration: (function_declaration name: (identifier) @method) @handler)
  (#any-of? @method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS"))
((export_statement declaration: [(lexical_declaration (variable_declarator name: (identifier) @method) @handler)
                                 (variable_declaration (variable_declarator name: (identifier) @method) @handler)])
  (#any-of? @method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS"))
((export_statement (export_clause (export_specifier name: (_) @function alias: (_) @method) @handler))
  (#any-of? @method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS"))
((export_statement (export_clause (export_specifier name: (_) @method !alias) @handler))
  (#any-of? @method "GET" "POST" "PUT" "PATCH" "DELETE" "HEAD" "OPTIONS"))

; pages API: export default function handler(req, res) {}
(export_statement "default") @default

; if (req.method === "POST"), if ("GET" == req.method), switch (req.method) { case "PUT": ... }
((binary_expression
  left: (member_expression property: (property_identifier) @property)
  operator: ["===" "=="]
  right: (string) @checked)
  (#eq? @property "method"))
((binary_expression
  left: (string) @checked
  operator: ["===" "=="]
  right: (member_expression property: (property_identifier) @property))
  (#eq? @property "method"))
((switch_statement
  value: (parenthesized_expression (member_expression property: (property_identifier) @property))
  body: (switch_body (switch_case value: (string) @checked)))
  (#eq? @property "method"))
