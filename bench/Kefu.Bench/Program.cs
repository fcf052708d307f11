using Kefu.Bench;

return await BenchProgram.RunAsync(args);
