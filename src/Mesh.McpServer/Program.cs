using Mesh.McpServer;

return await Cli.RunAsync(args, Console.Out, Console.Error);
