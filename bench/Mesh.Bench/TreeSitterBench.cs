using System.Diagnostics;
using System.Text;
using Mesh.Engine.Extraction.TreeSitter;

namespace Mesh.Bench;

/// <summary>Tree-sitter parse throughput (MB/s, one core) on generated Python and TypeScript files, per file and concatenated.</summary>
internal static class TreeSitterBench
{
    public static int Run(int files, int seed)
    {
        var random = new Random(seed);
        var corpora = new (string Name, Language Language, List<byte[]> Files)[]
        {
            ("Python", Language.Python, Enumerable.Range(0, files).Select(i => Python(i, random)).ToList()),
            ("TypeScript", Language.TypeScript, Enumerable.Range(0, files).Select(i => TypeScript(i, random)).ToList()),
            ("JavaScript", Language.JavaScript, Enumerable.Range(0, files).Select(i => JavaScript(i, random)).ToList()),
        };
        Console.WriteLine("| language | files | MB | per file, pass 1 (incl. JIT) | per file, pass 3 | one concatenated file |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (name, language, corpus) in corpora)
        {
            var megabytes = corpus.Sum(f => (long)f.Length) / 1048576.0;
            var passes = new double[3];
            for (var pass = 0; pass < passes.Length; pass++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var file in corpus)
                {
                    using var tree = ParserPool.Shared.Parse(language, file);
                    if (tree.HasError) throw new InvalidOperationException($"the generated {name} corpus has a syntax error");
                }
                passes[pass] = megabytes / clock.Elapsed.TotalSeconds;
            }
            var all = corpus.SelectMany(f => f).ToArray();
            var concatenated = Stopwatch.StartNew();
            using (ParserPool.Shared.Parse(language, all, Timeout.InfiniteTimeSpan)) { }
            var whole = megabytes / concatenated.Elapsed.TotalSeconds;
            Console.WriteLine($"| {name} | {corpus.Count:N0} | {megabytes:0.0} | {passes[0]:0.0} MB/s | {passes[2]:0.0} MB/s | {whole:0.0} MB/s |");
        }
        return 0;
    }

    private static byte[] Python(int index, Random random)
    {
        var text = new StringBuilder($"\"\"\"Service module {index}: orders, café, ünïcode.\"\"\"\nfrom fastapi import APIRouter, Query\nfrom pydantic import BaseModel, Field\n\nrouter = APIRouter(prefix=\"/svc{index}\")\n\n");
        for (var m = 0; m < 8 + random.Next(8); m++)
        {
            text.Append($"class Item{m}(BaseModel):\n    id: int\n    name: str = Field(..., alias=\"itemName\")\n    price: float | None = None\n    tags: list[str] = []\n\n");
            text.Append($"@router.get(\"/items{m}/{{item_id}}\", response_model=Item{m})\nasync def read_item_{m}(item_id: int, q: str | None = Query(None, max_length=50)) -> Item{m}:\n");
            text.Append($"    values = [x * 2 for x in range({m}) if x % 3 == 0]\n    if q and len(q) > {m}:\n        raise ValueError(f\"bad query {{q!r}} for {{item_id}}\")\n    return Item{m}(id=item_id, itemName=\"n{m}\", price={m}.5, tags=[str(v) for v in values])\n\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] TypeScript(int index, Random random)
    {
        var text = new StringBuilder($"// Service module {index}: café, ünïcode\nimport {{ Controller, Get, Post, Param, Body }} from '@nestjs/common';\nimport axios from 'axios';\n\n");
        for (var m = 0; m < 8 + random.Next(8); m++)
        {
            text.Append($"export interface Item{m} {{\n  id: number;\n  name?: string;\n  tags: Array<string>;\n  meta: Record<string, {{ value: number | null }}>;\n}}\n\n");
            text.Append($"@Controller('svc{index}/items{m}')\nexport class Items{m}Controller {{\n  constructor(private readonly http: HttpClient) {{}}\n\n");
            text.Append($"  @Get(':id')\n  async findOne(@Param('id') id: string): Promise<Item{m}> {{\n    const res = await axios.get<Item{m}>(`/api/items{m}/${{id}}`, {{ headers: {{ 'x-trace': String({m}) }} }});\n    return {{ ...res.data, tags: res.data.tags.filter((t) => t.length > {m}) }};\n  }}\n\n");
            text.Append($"  @Post()\n  create(@Body() body: Partial<Item{m}>): Item{m} {{\n    return {{ id: {m}, tags: [], meta: {{}}, ...body }} as Item{m};\n  }}\n}}\n\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] JavaScript(int index, Random random)
    {
        var text = new StringBuilder($"// Service module {index}: café\nconst express = require('express');\nconst router = express.Router();\n\n");
        for (var m = 0; m < 8 + random.Next(8); m++)
        {
            text.Append($"router.get('/items{m}/:id', async (req, res) => {{\n  const {{ id }} = req.params;\n  const r = await fetch(`${{process.env.API_URL}}/items{m}/${{id}}`, {{ method: 'GET' }});\n  const body = await r.json();\n  res.json({{ ...body, n: [1, 2, 3].map((x) => x * {m}) }});\n}});\n\n");
            text.Append($"router.post('/items{m}', (req, res) => {{\n  if (!req.body || typeof req.body.name !== 'string') return res.status(400).send('bad');\n  res.status(201).json({{ id: {m}, name: req.body.name }});\n}});\n\n");
        }
        text.Append("module.exports = router;\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
