## Campaigns, meetings, registration, check-in, reports (issue 6)

nav-campaigns = الحملات واللقاءات
campaigns-title = الحملات التحسيسية واللقاءات
campaigns-lead = يجوب مكتب تنمية التعاون الجهات والأقاليم في لقاءات تحسيسية لفائدة التعاونيات وشركائها. سجل في لقاء قريب منك، مجانا ودون حساب.
campaigns-upcoming = اللقاءات القادمة
campaigns-no-upcoming = لا يوجد لقاء مبرمج حاليا.
campaigns-all = كل الحملات
campaigns-none = لا توجد حملة بعد.
campaign-new = حملة جديدة
campaign-edit = تعديل الحملة
campaign-meeting-count = عدد اللقاءات: { $count }
campaign-period = الفترة
campaign-meetings = اللقاءات
campaign-meeting = اللقاء
campaign-no-meetings = لم يبرمج أي لقاء في هذه الحملة بعد.
campaign-ical = أضف اللقاءات إلى مذكرة هاتفك (iCal)
meeting-new = لقاء جديد
meeting-edit = تعديل اللقاء
meeting-heading-regional = اللقاء الجهوي بـ{ $city }
meeting-heading-provincial = اللقاء الإقليمي بـ{ $city }
meeting-places = المقاعد
meeting-places-left = المقاعد المتبقية: { $count }
meeting-full-waitlist = المقاعد ممتلئة: التسجيل في لائحة الانتظار
meeting-capacity-line = { $confirmed } مسجلا من أصل { $capacity } مقعدا
meeting-register = سجل في هذا اللقاء
meeting-register-waitlist = سجل في لائحة الانتظار
meeting-date-tba = التاريخ لم يحدد بعد
meeting-cancelled = ملغى
meeting-closed-past = انتهى هذا اللقاء، والتسجيل مغلق.
meeting-closed-not_scheduled = لم يحدد تاريخ هذا اللقاء بعد؛ يفتح التسجيل عند تحديده.
meeting-closed-cancelled = ألغي هذا اللقاء.
meeting-cancel-box = إلغاء هذا اللقاء (يغلق التسجيل)
meeting-province-none = لا شيء (لقاء جهوي)
meeting-staff-title = التنظيم
level-regional = جهوي
level-provincial = إقليمي
hint-one-per-line = عنصر واحد في كل سطر.
hint-meeting-date = اتركه فارغا إن لم يحدد التاريخ بعد.
hint-capacity = عدد المقاعد في القاعة. بعده يسجل الناس في لائحة الانتظار.
hint-presenter = الجهة التي تقدم المداخلة، أو منشط الورشة.
hint-contact = رقم الهاتف أو البريد الإلكتروني، أحدهما على الأقل.
hint-optional = اختياري.
hint-cooperative-number = اختياري: الرقم في السجل المركزي إن كنت من تعاونية.
hint-gender = اختياري: يفيد فقط في معرفة نسبة النساء بين الحاضرين.
hint-photo = صورة JPEG أو PNG، { $max } ميغابايت على الأكثر.

field-title_ar = العنوان بالعربية
field-title_fr = العنوان بالفرنسية
field-slogan_ar = الشعار بالعربية
field-slogan_fr = الشعار بالفرنسية
field-objectives = الأهداف
field-objectives_ar = الأهداف بالعربية
field-objectives_fr = الأهداف بالفرنسية
field-axes = محاور الاستراتيجية
field-axes_ar = محاور الاستراتيجية بالعربية
field-axes_fr = محاور الاستراتيجية بالفرنسية
field-partners = الشركاء
field-partners_ar = الشركاء بالعربية
field-partners_fr = الشركاء بالفرنسية
field-target_groups = الفئات المستهدفة
field-starts_on = تاريخ البداية
field-ends_on = تاريخ النهاية
field-level = المستوى
field-city = المدينة
field-venue = المكان
field-venue_ar = المكان بالعربية
field-venue_fr = المكان بالفرنسية
field-date = التاريخ
field-starts_at = ساعة البداية
field-ends_at = ساعة النهاية
field-capacity = عدد المقاعد
field-organisers = المنظمون
field-animators = المنشطون
field-item_kind = نوع الفقرة
field-presenter_ar = الجهة المتدخلة بالعربية
field-presenter_fr = الجهة المتدخلة بالفرنسية
field-room = القاعة
field-participant-name = الاسم الكامل
field-target_group = أنا
field-organisation = الهيئة أو التعاونية
field-gender = الجنس
field-cooperative_number = رقم التعاونية في السجل
field-from-province = الإقليم الذي تأتي منه
field-workshops = الورشات التي تختارها
field-body = الطلب
field-summary = الخلاصة
field-summary_ar = الخلاصة بالعربية
field-summary_fr = الخلاصة بالفرنسية
field-speakers = المتدخلون ومداخلاتهم
field-speakers_ar = المتدخلون بالعربية
field-speakers_fr = المتدخلون بالفرنسية
field-figures = أرقام الجهة
field-figures_ar = الأرقام بالعربية
field-figures_fr = الأرقام بالفرنسية
field-weaknesses = مكامن الضعف
field-weaknesses_ar = مكامن الضعف بالعربية
field-weaknesses_fr = مكامن الضعف بالفرنسية
field-recommendations = التوصيات والالتزامات
field-recommendations_ar = التوصيات بالعربية
field-recommendations_fr = التوصيات بالفرنسية
field-photo = الصورة
field-caption_ar = تعليق الصورة بالعربية
field-caption_fr = تعليق الصورة بالفرنسية
lang-ar-version = بالعربية
lang-fr-version = بالفرنسية

target-group-cooperative_manager = مسير(ة) تعاونية أو اتحاد
target-group-cooperative_member = عضو(ة) في تعاونية أو اتحاد
target-group-association = جمعية تنموية محلية
target-group-chamber = غرفة مهنية
target-group-administration = إدارة تقنية
target-group-local_authority = سلطة محلية
target-group-student = طالب(ة) جامعي(ة) أو بمعهد
target-group-other = أخرى
gender-woman = امرأة
gender-man = رجل
item-kind-reception = استقبال وتسجيل المشاركين
item-kind-opening = كلمات افتتاحية
item-kind-talk = مداخلة
item-kind-workshop = ورشة
item-kind-break = استراحة
item-kind-closing = اختتام

programme-title = البرنامج
programme-time = الساعة
programme-item = الفقرة
programme-presenter = الجهة المتدخلة
programme-empty = لم ينشر البرنامج بعد.
programme-edit = تعديل البرنامج
programme-add = أضف فقرة
programme-done = انتهيت من البرنامج
programme-pdf = البرنامج بصيغة PDF
actions = إجراءات
remove = حذف

meeting-register-title = التسجيل في اللقاء
register-waitlist-note = المقاعد ممتلئة. إن سجلت، تدخل لائحة الانتظار ونخبرك إن تحرر مقعد.
register-province-default = إقليم اللقاء
register-privacy = نستعمل هذه المعطيات فقط لتنظيم اللقاء وإحصاء الحضور، ولا تنشر أبدا (القانون 09.08).
register-submit = سجلني
walkin-title = تسجيل حاضر بدون تسجيل مسبق
walkin-submit = سجل وأكد الحضور

ticket-title = تذكرة الدخول
ticket-confirmed-title = تسجيلك مؤكد
ticket-confirmed-lead = مرحبا { $name }. احتفظ بهذه الصفحة أو اطبعها: تقدم رمزها عند الدخول.
ticket-waitlisted-title = أنت في لائحة الانتظار
ticket-waitlisted-lead = رتبتك في لائحة الانتظار: { $rank }. إن تحرر مقعد يؤكد تسجيلك تلقائيا ونخبرك بالبريد الإلكتروني إن تركت عنوانك.
ticket-cancelled-title = ألغي هذا التسجيل
ticket-cancelled-done = ألغي تسجيلك. شكرا لأنك حررت المقعد لغيرك.
ticket-meeting = اللقاء
ticket-present = سجل حضورك
ticket-qr-title = رمز الدخول
ticket-qr-lead = يمسح المنظمون هذا الرمز عند الدخول.
ticket-qr-label = تذكرة الدخول إلى اللقاء
ticket-code = رمز التذكرة:
ticket-cancel-title = لن تستطيع الحضور؟
ticket-cancel-lead = ألغ تسجيلك ليستفيد غيرك من المقعد.
ticket-cancel = ألغ تسجيلي

checkin-title = تسجيل الحضور
checkin-count = الحاضرون: { $present } من أصل { $confirmed } مسجلا
checkin-done = سجل حضور { $name }.
checkin-done-already = سبق تسجيل حضور { $name } في { $time }. لا حاجة لتسجيله مرة أخرى.
checkin-scan-title = مسح التذكرة
checkin-ticket = رمز التذكرة أو رابطها
checkin-ticket-hint = الأحرف الثمانية المكتوبة تحت الرمز تكفي.
checkin-submit = سجل الحضور
checkin-scan = امسح بالكاميرا
checkin-find-title = البحث بالاسم أو الهاتف
checkin-find = الاسم أو رقم الهاتف
checkin-none-found = لا يوجد أي مسجل بهذا الاسم أو الرقم.
checkin-already = حاضر منذ { $time }
checkin-pending = جار الإرسال…
checkin-offline = لا يوجد اتصال: حفظ التسجيل في هذا الهاتف وسيرسل عند عودة الاتصال.
checkin-no-camera = تعذر فتح الكاميرا. اكتب رمز التذكرة أو ابحث بالاسم.
checkin-ticket_unknown = هذه التذكرة لا تخص هذا اللقاء.
checkin-not_confirmed = هذا الشخص في لائحة الانتظار أو ألغى تسجيله: لا مقعد له.

registrations-title = المسجلون
registrations-list = لائحة المسجلين
registrations-none = لا يوجد أي مسجل بعد.
reg-col-name = الاسم
reg-col-status = الوضعية
reg-col-present = حاضر
reg-col-signature = التوقيع
reg-status-confirmed = مؤكد
reg-status-waitlisted = في الانتظار
reg-status-cancelled = ملغى
reg-forgotten = (محذوف بعد انقضاء مدة الحفظ)
reg-walk-in = دون تسجيل مسبق
badges-title = الشارات للطباعة
badges-hint = اطبع هذه الصفحة: شارة لكل مسجل مؤكد.
download-csv = تحميل CSV
download-xlsx = تحميل Excel (XLSX)

attendance-title = إحصائيات الحضور
attendance-campaign = الحملة كلها
attendance-per-meeting = حسب اللقاء
att-registered = المسجلون المؤكدون
att-waitlisted = في لائحة الانتظار
att-present = الحاضرون
att-women-share = نسبة النساء
att-women-share-present = بين الحاضرين: { $value }٪
att-by-group = حسب الفئة
att-by-group-col = الفئة
att-by-province = حسب الإقليم
att-by-province-col = الإقليم
province-unknown = غير محدد
percent = { $value }٪

report-title = تقرير اللقاء
report-edit = كتابة التقرير
report-draft-note = مسودة: لا يراها إلا المنظمون.
report-published-on = نشر في { $date }
report-state-draft = التقرير مسودة لم تنشر.
report-state-published = التقرير منشور على صفحة اللقاء.
report-publish = انشر التقرير
report-save-draft = احفظ المسودة
report-unpublish = سحب التقرير من النشر
report-photos = الصور
report-photo = صورة من اللقاء
report-add-photo = أضف الصورة

kit-title = ملف المشارك
kit-lead = الوثائق التي تسلم للمشاركين، للتحميل والطباعة.
kit-programme = برنامج اللقاء
kit-memo = مذكرة حول اللقاء
kit-memo-summary = أهداف الحملة ومحاورها والفئات المستهدفة والشركاء.
kit-questions = 100 سؤال حول العمل التعاوني
kit-questions-summary = أسئلة وأجوبة تغطي التأسيس والتسيير والملاءمة، بلغة بسيطة.
kit-pdf-note = PDF للطباعة
kit-read-online = اقرأ على الموقع
kit-other-lang = الوثائق متوفرة أيضا باللغة الأخرى:

mail-registration-confirmed-subject = تأكيد تسجيلك في لقاء { $city }
mail-registration-confirmed-body =
    مرحبا { $name }،

    تسجيلك في اللقاء التحسيسي بـ{ $city } مؤكد.
    التاريخ: { $date } { $time }
    المكان: { $venue }

    تذكرتك (رمز الدخول) وإمكانية الإلغاء:
    { $link }

    مكتب تنمية التعاون
mail-registration-waitlisted-subject = أنت في لائحة الانتظار للقاء { $city }
mail-registration-waitlisted-body =
    مرحبا { $name }،

    المقاعد في اللقاء التحسيسي بـ{ $city } ممتلئة، وأنت في لائحة الانتظار.
    إن تحرر مقعد يؤكد تسجيلك تلقائيا ونرسل لك رسالة.

    وضعيتك في أي وقت:
    { $link }

    مكتب تنمية التعاون

mail-meeting-cancelled-subject = ألغي لقاء { $city }
mail-meeting-cancelled-body =
    مرحبا { $name }،

    نأسف لإخباركم بأن اللقاء التحسيسي بـ{ $city } ألغي. سنخبركم إن برمج لقاء جديد.

    مكتب تنمية التعاون
mail-meeting-moved-subject = تغيير في موعد أو مكان لقاء { $city }
mail-meeting-moved-body =
    مرحبا { $name }،

    تغير موعد أو مكان اللقاء التحسيسي بـ{ $city }:
    التاريخ: { $date } { $time }
    المكان: { $venue }

    تذكرتك صالحة دائما:
    { $link }

    مكتب تنمية التعاون

error-conflict = هذا الطلب يتعارض مع ما هو مسجل.
error-end_before_start = يجب أن تأتي «{ $field }» بعد البداية.
error-invalid_time = اكتب الساعة بصيغة 09:30 في خانة «{ $field }».
error-invalid_capacity = عدد المقاعد عدد بين 1 و{ $max }.
error-contact_required = اترك رقم هاتف أو بريدا إلكترونيا لنتواصل معك.
error-already_registered = أنت مسجل في هذا اللقاء من قبل. تجد تذكرتك في رسالة التأكيد.
error-registration_closed = التسجيل في هذا اللقاء مغلق.
error-meeting_full = المقاعد ممتلئة: لا يمكن تسجيل حاضر جديد.
error-unknown_cooperative = لا توجد تعاونية بهذا الرقم في السجل.
error-capacity_below_confirmed = عدد المقاعد أقل من عدد المسجلين المؤكدين ({ $count }).
error-outside_your_region = لا يمكنك تنظيم لقاء خارج جهتك.
error-photo_type = الصورة يجب أن تكون بصيغة JPEG أو PNG.
error-invalid_json = الطلب ليس JSON صحيحا (خانة «{ $field }»).
