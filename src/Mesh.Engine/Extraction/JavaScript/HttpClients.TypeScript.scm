; HTTP clients only TypeScript declares: instances held in typed class fields, and Angular HttpClient fields.

; private api = axios.create({ baseURL: environment.apiUrl })
((public_field_definition
  name: (_) @instance
  value: (call_expression
    function: (member_expression object: (identifier) @module property: (property_identifier) @factory)
    arguments: (arguments) @arguments))
  (#any-of? @factory "create" "extend"))

; constructor(private http: HttpClient) {}
((method_definition
  name: (property_identifier) @constructor
  parameters: (formal_parameters
    [(required_parameter pattern: (identifier) @angular type: (type_annotation (type_identifier) @type))
     (optional_parameter pattern: (identifier) @angular type: (type_annotation (type_identifier) @type))]))
  (#eq? @constructor "constructor")
  (#eq? @type "HttpClient"))

; http: HttpClient;  private readonly http = inject(HttpClient);
((public_field_definition name: (_) @angular type: (type_annotation (type_identifier) @type))
  (#eq? @type "HttpClient"))
((public_field_definition
  name: (_) @angular
  value: (call_expression function: (identifier) @inject arguments: (arguments . (identifier) @type)))
  (#eq? @inject "inject")
  (#eq? @type "HttpClient"))
