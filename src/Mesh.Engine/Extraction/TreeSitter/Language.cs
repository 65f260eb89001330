using System.Collections.Frozen;

namespace Mesh.Engine.Extraction.TreeSitter;

/// <summary>
/// A tree-sitter grammar linked into libmesh-tree-sitter. Immutable and shared by every thread; node type and
/// field names are read once, so <see cref="Node.Type"/> does not allocate.
/// </summary>
public sealed class Language
{
    private static readonly Lazy<Language> python = new(() => new Language("python", Native.tree_sitter_python));
    private static readonly Lazy<Language> javaScript = new(() => new Language("javascript", Native.tree_sitter_javascript));
    private static readonly Lazy<Language> typeScript = new(() => new Language("typescript", Native.tree_sitter_typescript));
    private static readonly Lazy<Language> tsx = new(() => new Language("tsx", Native.tree_sitter_tsx));

    public static Language Python => python.Value;
    public static Language JavaScript => javaScript.Value;
    /// <summary>TypeScript without JSX (<c>.ts</c>, <c>.mts</c>, <c>.cts</c>).</summary>
    public static Language TypeScript => typeScript.Value;
    /// <summary>TypeScript with JSX (<c>.tsx</c>).</summary>
    public static Language Tsx => tsx.Value;

    public static IReadOnlyList<Language> All => [Python, JavaScript, TypeScript, Tsx];

    private readonly string[] symbolNames;
    private readonly FrozenDictionary<string, ushort> fieldIds;
    private readonly string?[] fieldNames;

    internal nint Handle { get; }

    /// <summary>The grammar's name, as in its package: <c>python</c>, <c>javascript</c>, <c>typescript</c>, <c>tsx</c>.</summary>
    public string Name { get; }

    public int AbiVersion { get; }

    private unsafe Language(string name, Func<nint> load)
    {
        Name = name;
        try
        {
            Handle = load();
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException(
                $"lib{Native.Library} (the native tree-sitter library) was not found next to Mesh.Engine.dll: " +
                "it is built by 'dotnet build' from eng/tree-sitter (needs npm and a C compiler).", e);
        }
        AbiVersion = (int)Native.ts_language_abi_version(Handle);
        if (AbiVersion is < 13 or > 15)
            throw new InvalidOperationException($"tree-sitter grammar '{name}' has ABI version {AbiVersion}; the core reads 13 to 15.");

        var symbolCount = Native.ts_language_symbol_count(Handle);
        symbolNames = new string[symbolCount];
        for (var symbol = 0; symbol < symbolCount; symbol++)
            symbolNames[symbol] = Native.Utf8(Native.ts_language_symbol_name(Handle, (ushort)symbol)) ?? "";

        var fields = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var fieldCount = Native.ts_language_field_count(Handle);
        fieldNames = new string?[fieldCount + 1];
        for (var id = 1; id <= fieldCount; id++)
            if (Native.Utf8(Native.ts_language_field_name_for_id(Handle, (ushort)id)) is { } field)
                fields[fieldNames[id] = field] = (ushort)id;
        fieldIds = fields.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The language for a file name by its extension, or null (<c>.py</c>, <c>.js/.jsx/.mjs/.cjs</c>, <c>.ts/.mts/.cts</c>, <c>.tsx</c>).</summary>
    public static Language? ForPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".py" or ".pyi" => Python,
        ".js" or ".jsx" or ".mjs" or ".cjs" => JavaScript,
        ".ts" or ".mts" or ".cts" => TypeScript,
        ".tsx" => Tsx,
        _ => null,
    };

    /// <summary>The names of the grammar's fields (<c>name</c>, <c>body</c>, <c>function</c>, ...).</summary>
    public IEnumerable<string> FieldNames => fieldIds.Keys;

    /// <summary>How many symbols the grammar's table has (the built-in ERROR symbol is past it).</summary>
    internal int SymbolCount => symbolNames.Length;

    // Past the table are the built-in symbols: 65535 is ERROR.
    internal unsafe string SymbolName(ushort symbol) =>
        symbol < symbolNames.Length ? symbolNames[symbol]
        : symbol == ushort.MaxValue ? "ERROR"
        : Native.Utf8(Native.ts_language_symbol_name(Handle, symbol)) ?? "";

    internal string? FieldName(ushort id) => id < fieldNames.Length ? fieldNames[id] : null;

    /// <summary>0 for a name that is not a field of this grammar (a query for it then finds nothing, as in tree-sitter).</summary>
    internal ushort FieldId(string name) => fieldIds.GetValueOrDefault(name);

    public override string ToString() => Name;
}
