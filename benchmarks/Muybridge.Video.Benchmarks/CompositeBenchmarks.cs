using BenchmarkDotNet.Attributes;
using Muybridge.Video.Compositing;
using Muybridge.Video.Frames;

namespace Muybridge.Video.Benchmarks;

/// <summary>Per-frame cost of compositing a matted frame over a scrolling background, against a plain copy of the same bytes.</summary>
[MemoryDiagnoser]
public class CompositeBenchmarks
{
    private Frame _subject = null!;
    private Frame _target = null!;
    private ScrollingBackground _scene = null!;
    private Compositor _compositor = null!;
    private ScrollingBackground _deepScene = null!;
    private Compositor _deepCompositor = null!;

    [Params(640, 1280)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var height = Width * 9 / 16;
        _subject = Frame.Create(Width, height);
        new Random(1).NextBytes(_subject.Rgb);
        new Random(2).NextBytes(_subject.EnsureAlpha());
        _target = Frame.Create(Width, height);
        using var background = Frame.Create(Width * 2, height);
        new Random(3).NextBytes(background.Rgb);
        _scene = ScrollingBackground.FromFrame(background, 120);
        _compositor = new Compositor(_scene);
        // The same with depth: the far half at a third of the speed, and a contact shadow.
        _deepScene = _scene.WithParallax(0.5, 0.35);
        _deepCompositor = new Compositor(_deepScene, new CompositeOptions { Shadow = new ContactShadow() });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subject.Dispose();
        _target.Dispose();
        _scene.Dispose();
        _deepScene.Dispose();
    }

    /// <summary>The physical floor: moving the frame's bytes once.</summary>
    [Benchmark(Baseline = true)]
    public void CopyBytes() => _subject.Rgb.CopyTo(_target.Rgb);

    [Benchmark]
    public void Composite()
    {
        using var output = _compositor.Composite(_subject);
    }

    [Benchmark]
    public void CompositeWithParallaxAndShadow()
    {
        using var output = _deepCompositor.Composite(_subject);
    }
}
