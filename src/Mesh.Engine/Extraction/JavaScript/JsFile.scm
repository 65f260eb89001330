; What every reader needs of a JavaScript/TypeScript module: the names it imports, the values its
; variables are given and what it exports. Valid for the JavaScript, TypeScript and TSX grammars.

; import api from "./api"; import * as routes from "./routes"; import { get as getJson, post } from "./http"
(import_statement (import_clause (identifier) @default) source: (string) @source)
(import_statement (import_clause (namespace_import (identifier) @namespace)) source: (string) @source)
(import_statement (import_clause (named_imports (import_specifier name: (_) @name alias: (_)? @alias))) source: (string) @source)

; const api = require("./api"); const { Router, json: parseJson } = require("express")
((variable_declarator
  name: (identifier) @default
  value: (call_expression function: (identifier) @require arguments: (arguments . (string) @source))) @required
  (#eq? @require "require"))
((variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @name)
  value: (call_expression function: (identifier) @require arguments: (arguments . (string) @source))) @required
  (#eq? @require "require"))
((variable_declarator
  name: (object_pattern (pair_pattern key: (_) @name value: (identifier) @alias))
  value: (call_expression function: (identifier) @require arguments: (arguments . (string) @source))) @required
  (#eq? @require "require"))

; every call and the name it calls: fetch(url), api.get(url), `await api.get<T>(url)` (which parses as a call of the await)
(call_expression
  function: [(identifier) @name
             (member_expression property: (property_identifier) @method)
             (await_expression [(identifier) @name (member_expression property: (property_identifier) @method)])]) @call

; name = value, in any scope (locals are read where they are used)
(variable_declarator name: (identifier) @variable value: (_) @value) @declarator

; const BASE = "/api": a constant when the declaration is a statement of the module (C# checks), also exported
(lexical_declaration kind: "const" (variable_declarator name: (identifier) @constant value: (_) @value) @binding) @statement

; What the module exports (export statements are top-level only).
; export default router; export default plugin(routes)
(export_statement value: (identifier) @local) @export
(export_statement value: (call_expression function: (identifier) @wrapper arguments: (arguments . (identifier) @local .))) @export
; export const router = Router(); export function routes(app) {}
(export_statement declaration: [(lexical_declaration (variable_declarator name: (identifier) @local)) (variable_declaration (variable_declarator name: (identifier) @local))]) @export
(export_statement declaration: [(function_declaration name: (identifier) @local) (generator_function_declaration name: (identifier) @local)]) @export
; export { router as default, client }
(export_statement (export_clause (export_specifier name: (_) @local alias: (_)? @alias))) @export

; CommonJS, when the statement is one of the module's (C# checks):
; module.exports = router; module.exports = plugin(routes); exports.router = router; module.exports.router = router
((expression_statement (assignment_expression
  left: [(member_expression object: (identifier) @object) (member_expression object: (member_expression object: (identifier) @object))] @target
  right: (identifier) @local)) @export
  (#any-of? @object "module" "exports"))
((expression_statement (assignment_expression
  left: [(member_expression object: (identifier) @object) (member_expression object: (member_expression object: (identifier) @object))] @target
  right: (call_expression function: (identifier) @wrapper arguments: (arguments . (identifier) @local .)))) @export
  (#any-of? @object "module" "exports"))
; module.exports = { publicRouter, internalRouter: internal, usersRoutes: fp(usersRoutes) }
((expression_statement (assignment_expression
  left: (member_expression object: (identifier) @object) @target
  right: (object [(shorthand_property_identifier) @local @member
                  (pair key: (_) @alias value: (identifier) @local) @member
                  (pair key: (_) @alias value: (call_expression function: (identifier) @wrapper arguments: (arguments . (identifier) @local .))) @member]))) @export
  (#eq? @object "module"))
