using System.CommandLine;
using Muybridge.Video.Cli.Commands;

var root = new RootCommand("muybridge: bring Muybridge's photo sequences to life (slice plates, interpolate, matte, composite, write video).")
{
    RenderCommand.Create(),
    InterpolateCommand.Create(),
    MatteCommand.Create(),
    CompositeCommand.Create(),
    RetimeCommand.Create(),
    UpscaleCommand.Create(),
    StylizeCommand.Create(),
    RestoreCommand.Create(),
    DepthCommand.Create(),
    EvaluateCommand.Create(),
    ProvidersCommand.Create(),
    ModelsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
