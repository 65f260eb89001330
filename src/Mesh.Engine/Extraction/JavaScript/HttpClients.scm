; HTTP client instances a file creates: const api = axios.create({ baseURL }), this.api = ky.extend({ prefixUrl }).
; C# keeps those whose @module is a client module the file imports (axios, ky, superagent).

((variable_declarator
  name: (identifier) @instance
  value: (call_expression
    function: (member_expression object: (identifier) @module property: (property_identifier) @factory)
    arguments: (arguments) @arguments))
  (#any-of? @factory "create" "extend"))

((assignment_expression
  left: (member_expression property: (property_identifier) @instance)
  right: (call_expression
    function: (member_expression object: (identifier) @module property: (property_identifier) @factory)
    arguments: (arguments) @arguments))
  (#any-of? @factory "create" "extend"))

; a client module wrapped by a function that returns a client of the same kind: const request = superagentPromise(superagent, Promise)
((variable_declarator
  name: (identifier) @instance
  value: (call_expression function: (identifier) @wrapping arguments: (arguments . (identifier) @wrapped))))
