; Next.js route handlers: what a route file exports (NextJs.cs reads the methods a pages API handler checks).

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
