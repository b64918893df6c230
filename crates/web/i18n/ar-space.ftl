## The cooperative's own space (issue 11)

account-cooperatives = تعاونياتي
account-cooperative-record = البطاقة في السجل
space-title = فضاء التعاونية
space-open = فضاء التعاونية: الأعضاء، الجموع العامة، الوثائق والآجال
space-read-only = اطلاع فقط: يمسك هذه السجلات مسيرو التعاونية.
space-members = سجل الأعضاء
space-shares = الحصص ورأس المال
space-mandates = أجهزة التسيير والانتدابات
space-assemblies = الجموع العامة
space-documents = الوثائق الواجب الاحتفاظ بها
space-calendar = ما يجب القيام به
space-calendar-empty = لا توجد آجال قادمة.
space-unverified-rules = بعض الأرقام (النصاب، الأغلبية، أجل تحرير رأس المال) لم يتم التحقق منها في نص القانون 112.12: هي قيم افتراضية قابلة للتعديل.
space-capital = رأس المال
space-capital-subscribed = رأس المال المكتتب
space-capital-paid = المحرر منه
space-capital-unpaid = الباقي للتحرير
space-paid-up-deadline = أجل التحرير الكامل
space-members-now = الأعضاء حاليا
space-documents-to-fix = وثائق ناقصة أو غير محينة: { $count }
space-documents-ok = كل الوثائق الواجب الاحتفاظ بها موجودة ومحينة.
space-register-title = التصريح بتغيير في السجل
space-register-lead = تغيير في أجهزة التسيير أو النظام الأساسي أو رأس المال يجب أن يقيد في السجل المحلي للتعاونيات.
space-file-modification = إيداع طلب تقييد تعديلي
space-accounts-filed = أودعت القوائم المالية لدى المحكمة
space-accounts-filed-on = تاريخ الإيداع
space-members-private = هذه المعطيات شخصية (القانون 09.08): لا يطلع عليها إلا مسيرو التعاونية والسلطات المختصة.
space-members-none = لم يسجل أي عضو بعد.
space-member-add = أضف عضوا
space-member-leave = سجل خروجه
space-member-leaves-on = تاريخ الخروج
space-member-left = خرج في { $date }
space-member-current = عضو حالي
space-gender-unsaid = غير مصرح به
space-hint-member-email = يستعمل لإرسال الدعوات إلى الجموع العامة.
space-col-shares = الحصص
space-col-paid = المحرر
space-col-status = الوضعية
space-shares-none = لا يوجد أي قيد في سجل الحصص بعد.
space-movement-add = أضف قيدا
space-transfer-only = (في حالة التفويت فقط)
space-hint-shares = عدد الحصص (اكتتاب أو تفويت أو استرجاع).
space-hint-amount = المبلغ بالدرهم (أداء، أو المبلغ المسترجع).
space-mandates-none = لم تسجل أي انتدابات بعد.
space-mandate-add = أضف انتدابا
space-mandate-end = إنهاء الانتداب
space-mandate-ended-on = تاريخ الانتهاء
space-hint-mandate-end = حسب النظام الأساسي.
space-assemblies-none = لم يدع إلى أي جمع عام بعد.
space-hint-financial-year = للجمع العام العادي: السنة المالية التي يصادق على حساباتها.
space-documents-lead = هذه لائحة الوثائق التي يجب أن تحتفظ بها التعاونية. كل إرسال يحفظ كنسخة جديدة.
space-documents-guide = دليل وثائق تسيير التعاونيات
space-upload = أرسل الوثيقة
space-hint-upload = ملف PDF أو صورة JPEG أو PNG، 10 ميغابايت على الأكثر.
space-hint-document-year = للقوائم المالية وتقرير التسيير: السنة المالية (مثلا { $year }).

field-member_kind = نوع العضو
field-id_number = رقم البطاقة الوطنية أو رقم التسجيل
field-birth_year = سنة الازدياد
field-joined_on = تاريخ الانخراط
field-movement_kind = نوع القيد
field-on = التاريخ
field-member_id = العضو
field-to_member_id = العضو المستفيد
field-shares = عدد الحصص
field-amount = المبلغ (درهم)
field-office_role = المهمة
field-holder = الاسم
field-assembly_kind = نوع الجمع العام
field-financial_year = السنة المالية
field-call = الدعوة
field-held_on = تاريخ الانعقاد
field-place = المكان
field-agenda = جدول الأعمال
field-text_ar = نص القرار بالعربية
field-text_fr = نص القرار بالفرنسية
field-votes_for = الأصوات المؤيدة
field-votes_against = الأصوات المعارضة
field-abstentions = الممتنعون

member-kind-person = شخص ذاتي
member-kind-legal_person = شخص معنوي
movement-kind-subscription = اكتتاب
movement-kind-payment = أداء
movement-kind-transfer = تفويت
movement-kind-withdrawal = استرجاع
office-role-chair = رئيس(ة) مجلس الإدارة
office-role-board_member = عضو(ة) مجلس الإدارة
office-role-manager = مسير(ة)
office-role-auditor = مراقب(ة) الحسابات
mandate-state-running = جار
mandate-state-renewal_due = يقترب موعد التجديد
mandate-state-expired = منته، يجب التجديد
mandate-state-ended = منته

assembly-title-ordinary = الجمع العام العادي
assembly-title-extraordinary = الجمع العام غير العادي
assembly-call-1 = الدعوة الأولى
assembly-call-2 = الدعوة الثانية
assembly-convene = الدعوة إلى جمع عام
assembly-convened = مدعو إليه
assembly-held = انعقد بحضور { $present }
assembly-notify = أرسل الدعوة بالبريد الإلكتروني إلى الأعضاء
assembly-quorum = النصاب
assembly-quorum-line = حاضرون: { $present } من أصل { $members } عضوا (النصاب: { $needed })
assembly-quorum-met = النصاب مكتمل
assembly-quorum-not-met = النصاب غير مكتمل
assembly-attendance = الحضور
assembly-who-present = الأعضاء الحاضرون
assembly-save-attendance = سجل الحضور
assembly-resolutions = القرارات
assembly-no-resolutions = لم يسجل أي قرار بعد.
assembly-add-resolution = أضف قرارا
assembly-minutes = المحضر
assembly-minutes-ar = المحضر بالعربية (PDF)
assembly-minutes-fr = المحضر بالفرنسية (PDF)
assembly-signed-copy = النسخة الموقعة، النسخة { $version }
assembly-upload-signed = النسخة الموقعة من المحضر
assembly-notice-subject = دعوة إلى الجمع العام: { $cooperative }
assembly-notice-body-ordinary =
    السيد(ة) { $name }،

    يتشرف مجلس إدارة { $cooperative } بدعوتكم إلى الجمع العام العادي يوم { $date } على الساعة { $time } بـ{ $place }.

    جدول الأعمال:
    { $agenda }
assembly-notice-body-extraordinary =
    السيد(ة) { $name }،

    يتشرف مجلس إدارة { $cooperative } بدعوتكم إلى الجمع العام غير العادي يوم { $date } على الساعة { $time } بـ{ $place }.

    جدول الأعمال:
    { $agenda }
resolution-votes = مؤيدون: { $for }، معارضون: { $against }، ممتنعون: { $abstentions }
resolution-adopted = صودق عليه
resolution-rejected = لم يصادق عليه
resolution-n = القرار رقم
minutes-opening = انعقد الجمع العام لـ{ $cooperative } يوم { $date } على الساعة { $time } بـ{ $place }، في إطار الدعوة رقم { $call }.
minutes-attendance = حضر { $present } عضوا من أصل { $members }.
minutes-quorum-met = النصاب القانوني مكتمل.
minutes-quorum-not-met = النصاب القانوني غير مكتمل.
minutes-signatures = التوقيعات
minutes-chair = رئيس(ة) الجلسة
minutes-secretary = كاتب(ة) الجلسة
minutes-footer = محضر أعد من سجلات التعاونية

kept-statutes = النظام الأساسي
kept-members_register = سجل الأعضاء
kept-assembly_minutes = محاضر الجموع العامة
kept-board_minutes = محاضر مجلس الإدارة
kept-annual_accounts = القوائم المالية السنوية
kept-management_report = تقرير التسيير
kept-bank_certificate = شهادة بنكية (إيداع رأس المال)
kept-register_extract = مستخرج من السجل
kept-state-present = موجود
kept-state-missing = ناقص
kept-state-out_of_date = غير محين
kept-version = النسخة { $version }

obligation-adaptation = ملاءمة النظام الأساسي مع القانون 112.12
obligation-capital_paid_up = تحرير رأس المال كاملا
obligation-ordinary_assembly = الجمع العام العادي للسنة المالية { $subject }
obligation-accounts_filing = إيداع القوائم المالية للسنة { $subject } لدى المحكمة
obligation-mandate_renewal = تجديد الانتداب: { $subject }
obligation-state-overdue = متأخر
obligation-state-due_soon = قريبا
obligation-state-upcoming = قادم
obligation-state-done = منجز
obligation-col-adaptation = الملاءمة
obligation-col-capital_paid_up = تحرير رأس المال
obligation-col-ordinary_assembly = الجمع العام العادي
obligation-col-accounts_filing = إيداع القوائم المالية
obligation-col-mandate_renewal = تجديد الانتدابات
obligations-title = الالتزامات المتأخرة للتعاونيات
obligations-lead = التعاونيات التي تمسك سجلاتها على المنصة: { $count }.
obligations-by-region = الالتزامات المتأخرة حسب الجهة
obligations-list = اللائحة
obligations-none = لا توجد التزامات متأخرة.
nav-obligations = الالتزامات

reminder-overdue-subject = تذكير: { $what } — متأخر
reminder-overdue-body =
    { $cooperative }:
    { $what } كان مقررا قبل { $date }.
    المرجو تسوية الوضعية في فضاء التعاونية على منصة تعاون.
reminder-due_soon-subject = تذكير: { $what } قبل { $date }
reminder-due_soon-body =
    { $cooperative }:
    { $what } يجب أن يتم قبل { $date }.
    تجدون التفاصيل في فضاء التعاونية على منصة تعاون.

error-legal_person_no_gender = الشخص المعنوي ليس له جنس ولا سنة ازدياد.
error-transfer_to_self = لا يمكن تفويت الحصص إلى العضو نفسه.
error-not_a_member_on_date = لم يكن عضوا في ذلك التاريخ.
error-more_shares_than_held = لا يملك هذا العضو إلا { $max } حصة.
error-payment_above_subscribed = المبلغ يتجاوز الباقي للأداء ({ $max } درهم).
error-refund_above_paid = المبلغ المسترجع يتجاوز المحرر ({ $max } درهم).
error-more_votes_than_present = عدد الأصوات يتجاوز عدد الحاضرين ({ $max }).
