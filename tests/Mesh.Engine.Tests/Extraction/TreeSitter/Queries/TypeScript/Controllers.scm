; NestJS-style handlers: @Get(':id') on a method. In the TypeScript grammar a member's decorators
; are siblings just before it in the class body.
(class_body
  (decorator
    (call_expression
      function: (identifier) @verb
      arguments: (arguments (string (string_fragment) @path))))
  .
  (method_definition
    name: (property_identifier) @handler)
  (#any-of? @verb "Get" "Post" "Put" "Patch" "Delete"))
