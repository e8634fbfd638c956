using BenchmarkDotNet.Running;
using Muybridge.Video.Benchmarks;

if (args.Length > 0 && args[0] == "longclip")
{
    return await LongClip.RunAsync(args);
}

// Returns non-zero when any benchmark failed, so CI or a script notices.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
