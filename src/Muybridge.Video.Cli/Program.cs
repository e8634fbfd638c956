return await Muybridge.Video.Cli.MuybridgeCli.RunAsync(args);
