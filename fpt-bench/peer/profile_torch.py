"""The peer step of fpt_step_torch.py under torch.autograd.profiler: 3 warm-up steps, then a table of 3 profiled steps.

usage: LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS=2 /usr/bin/python3 fpt-bench/peer/profile_torch.py [small|gpt2-small]
"""
import sys, time, torch
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
import fpt_step_torch as p
shape = sys.argv[1] if len(sys.argv) > 1 else "small"
torch.set_num_threads(2)
L, d, h, B, T, inp, C = p.SHAPES[shape]
m = p.Fpt(L, d, h, inp, C)
for n, prm in m.named_parameters():
    if ".attn." in n or ".mlp." in n:
        prm.requires_grad_(False)
opt = torch.optim.Adam([q for q in m.parameters() if q.requires_grad], lr=1e-3)
x = torch.randn(B, T, inp); km = torch.ones(B, T); ro = torch.zeros(B, 1, T); ro[:, 0, -1] = 1
y = torch.randint(0, C, (B,))
m.train()
def step():
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(m(x, km, ro), y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_([q for q in m.parameters() if q.requires_grad], 1.0)
    opt.step()
    return loss.item()
for _ in range(3): step()
with torch.autograd.profiler.profile() as prof:
    t = time.time()
    for _ in range(3): step()
    print("wall per step ms", (time.time() - t) / 3 * 1000)
print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=25))
