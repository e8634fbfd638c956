using Muybridge.Video.Onnx.Tensors;

namespace Muybridge.Video.Onnx.Catalog;

/// <summary>
/// The models this library has adapters for. Hashes are the ones published by the hosting repository (or, for files
/// shipped in ../shared, measured on the file named by its official address); where none is published the record says so
/// with a null hash rather than inventing one.
/// </summary>
public static class ModelCatalog
{
    private const string NoPublishedHash = "No SHA-256 is published for this file; fetch with --allow-unverified and pin the printed hash.";
    private const string FastStyleAssets = "https://github.com/microsoft/Windows-Machine-Learning/raw/master/Samples/StyleTransfer/Assets/";
    private const string DepthAnythingReleases = "https://github.com/fabio-sim/Depth-Anything-ONNX/releases/download/";

    private static readonly TensorContract Rgb01 = new("input", "float32", "[N,3,H,W]", "NCHW RGB", "0…1");
    private static readonly TensorContract StyleIn = new("inputImage", "float32", "[N,3,720,720]", "NCHW BGR", "0…255");
    private static readonly TensorContract StyleOut = new("outputImage", "float32", "[N,3,720,720]", "NCHW BGR", "≈0…255 (clamp)");
    private static readonly TensorContract DepthAnythingIn = new("image", "float32", "[1,3,518,518]", "NCHW RGB", "ImageNet mean/std");
    private static readonly TensorContract DepthAnythingOut = new("depth", "float32", "[1,518,518]", "NHW", "relative inverse depth (larger = nearer)");

    /// <summary>Every catalogued model.</summary>
    public static IReadOnlyList<ModelCard> All { get; } =
    [
        new("rife-4", ModelStage.Interpolation, "https://github.com/hzwer/Practical-RIFE", "MIT",
            [new ModelFile("rife-4.onnx", null, null)],
            [new("img0", "float32|float16", "[1,3,H,W]", "NCHW RGB", "0…1, H and W multiples of 32"), new("img1", "float32|float16", "[1,3,H,W]", "NCHW RGB", "0…1"), new("timestep", "float32|float16", "[1,1,H,W]", "NCHW", "t in (0,1)")],
            [new("output", "float32|float16", "[1,3,H,W]", "NCHW RGB", "0…1")],
            "Official weights are PyTorch only; ONNX exports are third-party. Bring your own file (--model)."),
        new("midas-v2.1-small", ModelStage.Depth, "https://github.com/isl-org/MiDaS", "MIT",
            [new ModelFile("midas-v2.1-small.onnx", "https://github.com/isl-org/MiDaS/releases/download/v2_1/model-small.onnx", null)],
            [new(null, "float32", "[1,3,256,256]", "NCHW RGB", "ImageNet mean/std")],
            [new(null, "float32", "[1,256,256]", "NHW", "relative inverse depth (larger = nearer)")],
            NoPublishedHash, ImageTensorFormat.ImageNet),
        new("dpt-hybrid", ModelStage.Depth, "https://github.com/isl-org/DPT", "MIT",
            [new ModelFile("dpt-hybrid.onnx", "https://github.com/timmh/DPT/releases/download/onnx_v0.1/dpt_hybrid-midas-6c3ec701.onnx", null)],
            [new(null, "float32", "[1,3,384,384]", "NCHW RGB", "(x − 0.5) / 0.5")],
            [new(null, "float32", "[1,384,384]", "NHW", "relative inverse depth (larger = nearer)")],
            NoPublishedHash + " The ONNX export is the DPT authors' hybrid weights converted by a third party.",
            new ImageTensorFormat { Mean = ChannelValues.All(0.5f), Std = ChannelValues.All(0.5f) }),
        new("depth-anything-v1-small", ModelStage.Depth, "https://github.com/LiheYoung/Depth-Anything", "Apache-2.0",
            [new ModelFile("depth-anything-v1-small.onnx", DepthAnythingReleases + "v1.0.0/depth_anything_vits14.onnx", null)],
            [DepthAnythingIn], [DepthAnythingOut], NoPublishedHash, ImageTensorFormat.ImageNet),
        new("depth-anything-v2-small", ModelStage.Depth, "https://github.com/DepthAnything/Depth-Anything-V2", "Apache-2.0",
            [new ModelFile("depth-anything-v2-small.onnx", DepthAnythingReleases + "v2.0.0/depth_anything_v2_vits.onnx", null)],
            [DepthAnythingIn], [DepthAnythingOut], NoPublishedHash, ImageTensorFormat.ImageNet),
        new("realesr-animevideov3", ModelStage.Upscaling, "https://github.com/xinntao/Real-ESRGAN", "BSD-3-Clause (weights); the ONNX export's host states no licence",
            [new ModelFile("realesr-animevideov3.onnx", null, "9ff2b047cee46b53a29dac03e9cfb734214ca805510bd7bf2da9368740d308a1", 2_492_901)],
            [Rgb01], [new("output", "float32", "[N,3,4H,4W]", "NCHW RGB", "0…1 (clamp)")],
            "Upstream publishes PyTorch and ncnn weights only; the hash is that of the ONNX export in ../shared/models/sr.", ImageTensorFormat.UnitRgb),
        new("isnet-medium", ModelStage.Matting, "https://github.com/xuebinqin/DIS", "MIT (weights); npm package AGPL-3.0",
            [new ModelFile("isnet-medium.onnx", "npm:@imgly/background-removal-data@1.4.5#/models/medium", "b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb", 88_188_479)],
            [new("input", "float32", "[1,3,1024,1024]", "NCHW RGB", "x/255 − 0.5")],
            [new("output", "float32", "[1,1,1024,1024]", "NCHW", "matte 0…1")],
            "fp16 weights; faster than the quantised file on CPU.", ImageTensorFormat.CenteredUnit),
        new("isnet-small", ModelStage.Matting, "https://github.com/xuebinqin/DIS", "MIT (weights); npm package AGPL-3.0",
            [new ModelFile("isnet-small.onnx", "npm:@imgly/background-removal-data@1.4.5#/models/small", "7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a", 44_342_436)],
            [new("input", "float32", "[1,3,1024,1024]", "NCHW RGB", "x/255 − 0.5")],
            [new("output", "float32", "[1,1,1024,1024]", "NCHW", "matte 0…1")],
            "uint8-quantised weights.", ImageTensorFormat.CenteredUnit),
        new("u2net", ModelStage.Matting, "https://github.com/xuebinqin/U-2-Net", "Apache-2.0",
            [new ModelFile("u2net.onnx", "https://github.com/danielgatis/rembg/releases/download/v0.0.0/u2net.onnx", null)],
            [new(null, "float32", "[1,3,320,320]", "NCHW RGB", "ImageNet mean/std")],
            [new(null, "float32", "[1,1,320,320]", "NCHW", "saliency 0…1 (first of seven side outputs)")],
            NoPublishedHash + " The host publishes an MD5 only.", ImageTensorFormat.ImageNet),
        new("rvm-mobilenetv3", ModelStage.Matting, "https://github.com/PeterL1n/RobustVideoMatting", "GPL-3.0",
            [new ModelFile("rvm_mobilenetv3_fp32.onnx", "https://github.com/PeterL1n/RobustVideoMatting/releases/download/v1.0.0/rvm_mobilenetv3_fp32.onnx", null)],
            [new("src", "float32", "[1,3,H,W]", "NCHW RGB", "0…1"), new("r1i", "float32", "[1,?,?,?]", "recurrent", "zeros [1,1,1,1] on the first frame"),
             new("r2i", "float32", "[1,?,?,?]", "recurrent", "—"), new("r3i", "float32", "[1,?,?,?]", "recurrent", "—"), new("r4i", "float32", "[1,?,?,?]", "recurrent", "—"),
             new("downsample_ratio", "float32", "[1]", "scalar", "about 512 / longest side")],
            [new("fgr", "float32", "[1,3,H,W]", "NCHW RGB", "0…1"), new("pha", "float32", "[1,1,H,W]", "NCHW", "alpha 0…1"),
             new("r1o", "float32", "[1,?,?,?]", "recurrent", "—"), new("r2o", "float32", "[1,?,?,?]", "recurrent", "—"), new("r3o", "float32", "[1,?,?,?]", "recurrent", "—"), new("r4o", "float32", "[1,?,?,?]", "recurrent", "—")],
            NoPublishedHash + " Recurrent: each frame's r*o feed the next frame's r*i.", ImageTensorFormat.UnitRgb),
        new("mobile-sam-encoder", ModelStage.Segmentation, "https://github.com/ChaoningZhang/MobileSAM", "Apache-2.0",
            [new ModelFile("mobile_sam_encoder.onnx", null, null)],
            [new("images", "float32", "[1,3,1024,1024]", "NCHW RGB", "longest side 1024, padded bottom-right, ImageNet mean/std")],
            [new("image_embeddings", "float32", "[1,256,64,64]", "NCHW", "features for the decoder")],
            "The MobileSAM authors publish PyTorch weights; encoder ONNX exports are third-party: bring your own file (its input name must be images).",
            ImageTensorFormat.ImageNet),
        new("sam-decoder", ModelStage.Segmentation, "https://github.com/facebookresearch/segment-anything", "Apache-2.0",
            [new ModelFile("mobile_sam_decoder.onnx", null, null)],
            [new("image_embeddings", "float32", "[1,256,64,64]", "NCHW", "from the encoder"), new("point_coords", "float32", "[1,N,2]", "x,y", "pixels of the 1024-scaled image"),
             new("point_labels", "float32", "[1,N]", "label", "1 positive, 0 negative, 2/3 box corners, -1 padding"), new("mask_input", "float32", "[1,1,256,256]", "NCHW", "previous low-res logits"),
             new("has_mask_input", "float32", "[1]", "flag", "0 or 1"), new("orig_im_size", "float32", "[2]", "H,W", "the frame's size")],
            [new("masks", "float32", "[1,1,H,W]", "NCHW", "logits at the frame's size"), new("iou_predictions", "float32", "[1,1]", "score", "predicted IoU"), new("low_res_masks", "float32", "[1,1,256,256]", "NCHW", "logits")],
            "Exported by the SAM repository's scripts/export_onnx_model.py (the same decoder serves SAM and MobileSAM): bring your own file."),
        Style("candy", "4cc994e51bc371584fe38d91ac66015909d8e06eec5b22de9a6b969ad091c2c0", 1_712_395),
        Style("la_muse", "77804dc5e9d494c95c8797c2191cda9f0df810b2b3ba476aed4bb7defab18473", 1_712_531),
        Style("mosaic", "88bae7a0b1df776190c0edceb94878dc9d39178a06df97ca44d08dfb5b56e035", 1_712_530),
        Style("udnie", "8a1576e5014f3a24461217b1829c27c1af61cba1bfa831c008b2b7958c1085cb", 1_712_529),
    ];

    /// <summary>The card with this name (case-insensitive).</summary>
    /// <exception cref="InvalidOptionException">No such model; the message lists the known names.</exception>
    public static ModelCard Find(string name)
        => All.FirstOrDefault(card => string.Equals(card.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new InvalidOptionException($"No model named '{name}' in the catalog. Known: {string.Join(", ", All.Select(c => c.Name))}.", nameof(name));

    private static ModelCard Style(string name, string sha256, long bytes)
        => new($"fns-{name.Replace('_', '-')}", ModelStage.Stylization, "https://github.com/microsoft/Windows-Machine-Learning/tree/master/Samples/StyleTransfer",
            "Johnson fast neural style: free for personal or research use",
            [new ModelFile($"fns_{name}.onnx", FastStyleAssets + name + ".onnx", sha256, bytes)],
            [StyleIn], [StyleOut], InputFormat: ImageTensorFormat.Bgr255);
}
