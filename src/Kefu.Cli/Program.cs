using Kefu.Cli;

return await KefuCli.RunAsync(args, Console.Out, Console.Error);
