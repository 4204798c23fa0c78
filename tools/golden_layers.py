#!/usr/bin/python3
"""Writes PyTorch golden values for Vectorgrad's losses, optimizers and LR schedulers.

    /usr/bin/python3 tools/golden_layers.py > layers/src/test/resources/golden/layers.txt

Same line format as golden_autodiff.py: `kind name [dims] : values`. Loss cases give the inputs,
the loss and the gradient of the loss (summed with a cotangent when not scalar) with respect to
input x0. Optimizer cases run 5 steps on loss = sum((p * c - t)^2) and record p after each step.
Scheduler cases record the learning rate after each of 12 steps. The Java tests hold the same
cases by name.
"""
import torch
import torch.nn.functional as F

torch.manual_seed(7)
D = torch.float64


def randn(*shape):
    return torch.randn(shape, dtype=D)


def line(kind, name, t):
    t = torch.as_tensor(t, dtype=D)
    dims = " ".join(str(d) for d in t.shape)
    return f"{kind} {name} [{dims}] : " + " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


logits = randn(5, 4)
labels = torch.tensor([0, 3, 1, 1, 2])
labels_ignored = torch.tensor([0, 3, -100, 1, 2])
probs = torch.softmax(randn(5, 4), 1)
weights = torch.tensor([1.0, 2.0, 0.5, 1.5], dtype=D)
seq_logits = randn(2, 3, 4)
seq_labels = torch.tensor([[0, 2, 1, 1], [2, 2, 0, 1]])
x, y = randn(6), randn(6)
p = torch.sigmoid(randn(6))
b = torch.tensor([0, 1, 1, 0, 1, 0], dtype=D)
logp = torch.log_softmax(randn(3, 4), 1)
q = torch.softmax(randn(3, 4), 1)

# (name, loss of (input, target), input, target); targets are written to the file too.
LOSSES = [
    ("ce", lambda i, t: F.cross_entropy(i, t), logits, labels),
    ("ce_sum", lambda i, t: F.cross_entropy(i, t, reduction="sum"), logits, labels),
    ("ce_none", lambda i, t: F.cross_entropy(i, t, reduction="none"), logits, labels),
    ("ce_weight", lambda i, t: F.cross_entropy(i, t, weight=weights), logits, labels),
    ("ce_ignore", lambda i, t: F.cross_entropy(i, t), logits, labels_ignored),
    ("ce_smooth", lambda i, t: F.cross_entropy(i, t, label_smoothing=0.1), logits, labels),
    ("ce_smooth_weight_ignore", lambda i, t: F.cross_entropy(i, t, weight=weights, label_smoothing=0.2),
     logits, labels_ignored),
    ("ce_probs", lambda i, t: F.cross_entropy(i, t), logits, probs),
    ("ce_probs_smooth_weight", lambda i, t: F.cross_entropy(i, t, weight=weights, label_smoothing=0.1),
     logits, probs),
    ("ce_sequence", lambda i, t: F.cross_entropy(i, t), seq_logits, seq_labels),
    ("nll", lambda i, t: F.nll_loss(i, t), torch.log_softmax(logits, 1), labels),
    ("mse", lambda i, t: F.mse_loss(i, t), x, y),
    ("l1_sum", lambda i, t: F.l1_loss(i, t, reduction="sum"), x, y),
    ("smooth_l1", lambda i, t: F.smooth_l1_loss(i, t, beta=0.5), x * 2, y),
    ("huber", lambda i, t: F.huber_loss(i, t, delta=0.7), x * 2, y),
    ("bce", lambda i, t: F.binary_cross_entropy(i, t), p, b),
    ("bce_logits", lambda i, t: F.binary_cross_entropy_with_logits(i, t), x * 30, b),
    ("bce_logits_pos_weight",
     lambda i, t: F.binary_cross_entropy_with_logits(i, t, pos_weight=torch.tensor(3.0, dtype=D)), x, b),
    ("kl_batchmean", lambda i, t: F.kl_div(i, t, reduction="batchmean"), logp, q),
    ("kl_log_target_sum", lambda i, t: F.kl_div(i, torch.log(t), reduction="sum", log_target=True), logp, q),
]

OPTIMIZERS = [
    ("sgd", lambda ps: torch.optim.SGD(ps, lr=0.1)),
    ("sgd_momentum", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9)),
    ("sgd_nesterov_decay", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("sgd_dampening", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.5, dampening=0.3)),
    ("adam", lambda ps: torch.optim.Adam(ps, lr=0.1)),
    ("adam_decay", lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    ("adamw", lambda ps: torch.optim.AdamW(ps, lr=0.1)),
    ("rmsprop", lambda ps: torch.optim.RMSprop(ps, lr=0.01)),
    ("rmsprop_centered_momentum", lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.9, centered=True, weight_decay=0.01)),
    ("adagrad", lambda ps: torch.optim.Adagrad(ps, lr=0.1)),
    ("adagrad_decay", lambda ps: torch.optim.Adagrad(ps, lr=0.1, lr_decay=0.05, initial_accumulator_value=0.1)),
]

SCHEDULERS = [
    ("step", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
    ("multistep", lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5, 9], gamma=0.1)),
    ("exponential", lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)),
    ("cosine", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
    ("linear_warmup", lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=5)),
    ("one_cycle", lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=1.0, total_steps=13, cycle_momentum=False)),
]


# (name, function of the inputs); every input gets a gradient. Layers in training mode.
def batch_norm_train(x, w, b):
    return F.batch_norm(x, torch.zeros(x.shape[1], dtype=D), torch.ones(x.shape[1], dtype=D), w, b,
                        training=True, momentum=0.1, eps=1e-5)


MODULES = [
    ("conv2d_stride_pad_dilation_groups",
     lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2),
     [randn(2, 4, 7, 6), randn(6, 2, 3, 2), randn(6)]),
    ("conv2d_plain", lambda x, w: F.conv2d(x, w), [randn(1, 3, 5, 5), randn(2, 3, 3, 3)]),
    ("conv1d", lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=1), [randn(2, 3, 9), randn(4, 3, 3), randn(4)]),
    ("max_pool2d", lambda x: F.max_pool2d(x, 3, stride=2, padding=1), [randn(2, 3, 7, 6)]),
    ("avg_pool2d", lambda x: F.avg_pool2d(x, 2), [randn(2, 3, 6, 8)]),
    ("adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, (3, 2)), [randn(1, 2, 7, 5)]),
    ("batch_norm_train", batch_norm_train, [randn(4, 3, 5, 2), randn(3), randn(3)]),
    ("layer_norm", lambda x, w, b: F.layer_norm(x, (4,), w, b, eps=1e-5), [randn(3, 2, 4), randn(4), randn(4)]),
]


def main():
    print("# Generated by tools/golden_layers.py with torch " + torch.__version__ + "; do not edit.")
    for name, fn, value, target in LOSSES:
        value = value.clone().requires_grad_(True)
        out = fn(value, target)
        cotangent = randn(*out.shape) if out.dim() > 0 else torch.tensor(1.0, dtype=D)
        (out * cotangent).sum().backward()
        print(f"case loss {name}")
        print(line("input", "x0", value))
        print(line("target", "t", target))
        print(line("output", "y", out))
        print(line("cotangent", "w", cotangent))
        print(line("grad", "x0", value.grad))
        print("end")
    for name, fn, inputs in MODULES:
        inputs = [t.clone().requires_grad_(True) for t in inputs]
        out = fn(*inputs)
        cotangent = randn(*out.shape)
        grads = torch.autograd.grad((out * cotangent).sum(), inputs)
        print(f"case module {name}")
        for i, t in enumerate(inputs):
            print(line("input", f"x{i}", t))
        print(line("output", "y", out))
        print(line("cotangent", "w", cotangent))
        for i, g in enumerate(grads):
            print(line("grad", f"x{i}", g))
        print("end")
    c, t, p0 = randn(4), randn(4), randn(4)
    for name, make in OPTIMIZERS:
        param = p0.clone().requires_grad_(True)
        opt = make([param])
        print(f"case optimizer {name}")
        print(line("input", "p0", p0))
        print(line("input", "c", c))
        print(line("input", "t", t))
        for step in range(5):
            opt.zero_grad()
            ((param * c - t) ** 2).sum().backward()
            opt.step()
            print(line("step", str(step + 1), param))
        print("end")
    for name, make in SCHEDULERS:
        param = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([param], lr=0.1)
        sched = make(opt)
        lrs = [opt.param_groups[0]["lr"]]
        for _ in range(12):
            opt.step()
            sched.step()
            lrs.append(opt.param_groups[0]["lr"])
        print(f"case scheduler {name}")
        print(line("output", "lr", torch.tensor(lrs, dtype=D)))
        print("end")


if __name__ == "__main__":
    main()
