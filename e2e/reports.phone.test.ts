import { expect, test } from "./fixtures";

for (const colorScheme of ["light", "dark"] as const) {
  test(`the report dialog fits a phone screen in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/study");
    await page.getByRole("button", { name: "Сообщить о проблеме" }).click();
    const dialog = page.getByRole("dialog", { name: "Сообщить о проблеме с вопросом" });
    await expect(dialog.getByRole("button", { name: "Отправить" })).toBeInViewport();
    const box = await dialog.boundingBox();
    const width = page.viewportSize()!.width;
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    // The dialog takes the theme's surface and text colours (app/globals.css).
    const colours = await dialog.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, text: style.color };
    });
    expect(colours).toEqual(
      colorScheme === "dark"
        ? { background: "rgb(26, 30, 36)", text: "rgb(230, 233, 238)" }
        : { background: "rgb(255, 255, 255)", text: "rgb(27, 31, 36)" },
    );
    await page.screenshot({ path: test.info().outputPath(`report-dialog-${colorScheme}.png`) });
  });
}
