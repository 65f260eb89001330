; TypeScript types that become named schemas: interfaces, type aliases, and classes with fields (DTOs).
(interface_declaration name: (_) @name body: (_) @body) @declaration
(type_alias_declaration name: (_) @name value: (_) @value) @declaration
(class_declaration name: (_) @name body: (class_body (public_field_definition)) @members) @declaration
(abstract_class_declaration name: (_) @name body: (class_body (public_field_definition)) @members) @declaration
