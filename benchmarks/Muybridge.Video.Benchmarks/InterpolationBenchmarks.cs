using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Muybridge.Video.Frames;
using Muybridge.Video.Imaging;
using Muybridge.Video.Interpolation;
using Muybridge.Video.Motion;

namespace Muybridge.Video.Benchmarks;

/// <summary>
/// Flow and interpolation on two real elephant frames resized to 640×480 and 1280×720: the vectorised flow against its
/// scalar reference (the baseline), the whole interpolator, and ffmpeg's minterpolate (mci, aobmc, bidir) making the same
/// in-between frame from the same PNGs, next to our interpolator doing the same file-to-file job.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class InterpolationBenchmarks
{
    private Frame _first = null!;
    private Frame _second = null!;
    private Frame _result = null!;
    private FlowField _flow = null!;
    private DenseOpticalFlow _vectorised = null!;
    private DenseOpticalFlow _scalar = null!;
    private FlowInterpolator _interpolator = null!;
    private string _folder = null!;

    [Params("640x480", "1280x720")]
    public string Size { get; set; } = "640x480";

    [GlobalSetup]
    public void Setup()
    {
        var (width, height) = BenchmarkData.ParseSize(Size);
        _first = BenchmarkData.Elephant(5, width, height);
        _second = BenchmarkData.Elephant(7, width, height);
        _result = _first.CreateSibling();
        _flow = new FlowField(width, height);
        _vectorised = new DenseOpticalFlow();
        _scalar = new DenseOpticalFlow(new OpticalFlowOptions { ScalarReference = true });
        _interpolator = new FlowInterpolator();
        _folder = Directory.CreateTempSubdirectory("muybridge-bench").FullName;
        FrameFile.Save(_first, Path.Combine(_folder, "in1.png"));
        FrameFile.Save(_second, Path.Combine(_folder, "in2.png"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _first.Dispose();
        _second.Dispose();
        _result.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public void FlowScalarReference() => _scalar.Estimate(_first, _second, _flow);

    [Benchmark]
    public void FlowVectorised() => _vectorised.Estimate(_first, _second, _flow);

    [Benchmark]
    public void FlowInterpolatorMiddleFrame() => _interpolator.Interpolate(_first, _second, [0.5f], [_result]);

    /// <summary>Ours, file to file: decode both PNGs, interpolate, encode the middle frame.</summary>
    [Benchmark]
    public void OursPngToPng()
    {
        using var a = FrameFile.Load(Path.Combine(_folder, "in1.png"));
        using var b = FrameFile.Load(Path.Combine(_folder, "in2.png"));
        using var middle = a.CreateSibling();
        _interpolator.Interpolate(a, b, [0.5f], [middle]);
        FrameFile.Save(middle, Path.Combine(_folder, "ours.png"));
    }

    /// <summary>ffmpeg minterpolate, file to file, with the anchors' settings; the process start is part of its cost.</summary>
    [Benchmark]
    public void FfmpegMinterpolatePngToPng()
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            ArgumentList =
            {
                "-loglevel", "error", "-y", "-framerate", "1", "-i", Path.Combine(_folder, "in%d.png"),
                "-vf", "minterpolate=fps=2:mi_mode=mci:mc_mode=aobmc:me_mode=bidir", "-frames:v", "2", "-update", "0",
                Path.Combine(_folder, "ff%d.png"),
            },
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed with {process.ExitCode}");
        }
    }
}
