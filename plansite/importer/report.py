"""The review report, in Vietnamese: what the importer recognised, and what an editor must confirm.

Used by ``run``, which writes it beside the draft (``bao-cao-nhap.md``) and prints it.
Each point names where it is in the source: a line of the .txt, or a paragraph of the
.docx (counting the paragraphs that hold text, those in tables included).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from plansite.importer.bodies import Bodies
from plansite.importer.draft import Draft
from plansite.importer.layout import Layout
from plansite.importer.reading import Document

# The report's headings, in its order, for the findings' topics.
TOPICS = {
    "numbering": "Mã do người biên tập đặt",
    "bodies": "Cơ quan",
    "targets": "Chỉ tiêu",
    "tasks": "Nhiệm vụ",
    "reading": "Máy đã đọc hoặc bỏ qua",
    "unplaced": "Đoạn chưa vào dữ liệu",
    "editorial": "Phần của người biên tập",
}


def _agency_ids(value: Any, key: str = "") -> Iterator[str]:
    """Every agency id the draft refers to (issuers, lead, coordinate, addressees, recipients, mentions)."""
    if isinstance(value, dict):
        for child_key, child in value.items():
            yield from _agency_ids(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from _agency_ids(child, key)
    elif isinstance(value, str) and key in {"issuer", "lead", "coordinate", "addressed_to", "agency", "mentions", "from", "to", "via"}:
        yield value


def report(document: Document, layout: Layout, draft: Draft, bodies: Bodies, plan_id: str) -> str:
    header = layout.header
    plan = draft.plan
    where = "dòng của tệp .txt" if document.kind == "txt" else "thứ tự đoạn có chữ trong tệp .docx, kể cả đoạn trong bảng"
    counts = draft.counts
    lines = [
        f"# Báo cáo nhập kế hoạch số {header.number} vào data/plans/{plan_id}/",
        "",
        f"Tệp gốc: {document.name}. Vị trí ghi theo {where}. Bản nháp chỉ có tiếng Việt; "
        "mọi lời văn chép đúng từng chữ. Đọc hết báo cáo, sửa bản nháp, rồi chạy kiểm tra (xem cuối báo cáo).",
        "",
        "## Đã nhận ra",
        "",
        f"- Phần đầu: số {header.number}, {header.place}, ngày {header.date.day}/{header.date.month}/{header.date.year}, "
        f"{header.doc_type}, trích yếu “{_short(header.title)}”; cơ quan ban hành: {_name(plan.get('issuer', ''), bodies)}.",
        f"- Văn bản căn cứ: {counts.get('documents', 0)}; kế hoạch thực hiện: {', '.join(plan.get('implements', [])) or 'không thấy'}.",
        f"- Các mục: {', '.join(f'{s.number} {s.heading}' for s in layout.sections.values())}.",
        f"- Chỉ tiêu: {counts.get('targets', 0)} ({counts.get('figures', 0)} có con số, cách so sánh và đơn vị).",
        f"- Nhiệm vụ: {counts.get('tasks', 0)} trong {counts.get('areas', 0)} nhóm, mỗi nhiệm vụ với cơ quan chủ trì, phối hợp, thời gian.",
        f"- Nơi nhận: {len(layout.recipients)} dòng; chữ ký: {' / '.join(p.text for p in layout.authority)}"
        f"{', ' + layout.signer.text if layout.signer else ''}.",
        f"- Đoạn văn: {counts.get('placed', 0)}/{counts.get('paragraphs', 0)} đã đưa vào dữ liệu.",
    ]
    if counts.get("form"):
        lines.append(
            f"- {counts['form']} dòng thể thức (tên cơ quan ban hành in hoa ở đầu văn bản, quốc hiệu, tiêu ngữ, đường kẻ) "
            "đã đọc, không chép vào dữ liệu."
        )
    for at, change in document.changes:
        lines.append(f"- {document.where(at)}: {change}.")
    sections: dict[str, list[str]] = {topic: [] for topic in TOPICS}
    if draft.editor_ids:
        sections["numbering"].append(
            f"{', '.join(draft.editor_ids)}: văn bản không đánh số các nhiệm vụ này (gạch đầu dòng hoặc đoạn không số); "
            "mã theo thứ tự là của người biên tập, ghi chú ngay bên mã trong tasks.yml. Giữ mã khi đã đăng."
        )
    for agency_id, spellings in bodies.added.items():
        sections["bodies"].append(
            f"{', '.join(f'“{s}”' for s in spellings)} đọc là {_name(agency_id, bodies)}: đã thêm vào spellings trong agencies.yml."
        )
    for proposal in bodies.proposals.values():
        places = ", ".join(document.where(a) for a in sorted(set(proposal.at)) if a)
        sections["bodies"].append(
            f"“{proposal.name}” ({places}): chưa có trong agencies.yml; đã đề xuất mã {proposal.id}, loại {proposal.kind.value}. "
            "Xác nhận tên, loại, hoặc đổi sang một cơ quan đã có."
        )
    known = sorted({agency_id for agency_id in _agency_ids(plan) if agency_id in bodies.names} | _task_agencies(draft, bodies))
    if known:
        sections["bodies"].append(
            "Cơ quan đã có trong agencies.yml mà bản nháp dùng (xác nhận đúng là cơ quan của địa phương này): "
            + "; ".join(f"{bodies.names[a]} ({a})" for a in known)
            + "."
        )
    for finding in draft.findings:
        place = f"{document.where(finding.at)}: " if finding.at else ""
        sections[finding.topic].append(f"{place}{finding.text}.")
    for para in draft.unplaced:
        sections["unplaced"].append(f"{document.where(para.at)}: “{_short(para.text)}”.")
    if counts.get("tasks"):
        sections["tasks"].append("title của từng nhiệm vụ là những chữ đầu máy cắt ra: đọc lại, rút gọn nếu cần (phải chép đúng từ text).")
    lines += ["", f"## Cần người biên tập xác nhận ({sum(len(points) for points in sections.values())} điểm)"]
    for topic, heading in TOPICS.items():
        if sections[topic]:
            lines += ["", f"### {heading}", ""] + [f"- {point}" for point in sections[topic]]
    lines += [
        "",
        "## Việc tiếp theo",
        "",
        f"1. Sửa các tệp trong data/plans/{plan_id}/ và data/agencies.yml theo các điểm trên.",
        "2. Chạy kiểm tra: `python -m plansite check` (hoặc mở pull request để GitHub kiểm tra).",
        "3. Thêm kế hoạch vào data/site.yml (plans) nếu cần lời giới thiệu, nhãn menu ngắn; dịch sang tiếng Anh khi có thể.",
        f"4. Xóa tệp báo cáo này ({plan_id}/bao-cao-nhap.md) khi đã xác nhận xong.",
    ]
    return "\n".join(lines) + "\n"


def _task_agencies(draft: Draft, bodies: Bodies) -> set[str]:
    return {agency_id for agency_id in _agency_ids(draft.tasks) if agency_id in bodies.names}


def _name(agency_id: str, bodies: Bodies) -> str:
    if agency_id in bodies.names:
        return f"{bodies.names[agency_id]} ({agency_id})"
    if agency_id in bodies.proposals:
        return f"{bodies.proposals[agency_id].name} ({agency_id}, đề xuất mới)"
    return agency_id or "không thấy"


def _short(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
